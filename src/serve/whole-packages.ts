/**
 * Chip packages that instances of `chips` chips in all occupy: an instance on one die of a two-die package (a 910C
 * rank) is half a chip, two of them share a package, and an odd count still takes a whole one (review 19: pools
 * of "1,467.5" and "1.5" chips). Whole counts come back as they are (within float noise).
 */
export function wholePackages(chips: number): number {
  return Math.ceil(chips - 1e-9);
}
