/** The golden ratio's conjugate, (√5 − 1) / 2. */
const PHI = (Math.sqrt(5) - 1) / 2;

/**
 * Golden-section search for the minimum of a unimodal function on [lo, hi] (Kiefer 1953): each step keeps the
 * sub-interval holding the smaller probe. Returns the best probe and its value.
 */
export function goldenSectionMin(
  f: (x: number) => number,
  lo: number,
  hi: number,
  steps = 40,
): { x: number; fx: number } {
  let a = lo;
  let b = hi;
  let x1 = b - PHI * (b - a);
  let x2 = a + PHI * (b - a);
  let f1 = f(x1);
  let f2 = f(x2);
  for (let i = 0; i < steps; i++) {
    if (f1 <= f2) {
      b = x2;
      x2 = x1;
      f2 = f1;
      x1 = b - PHI * (b - a);
      f1 = f(x1);
    } else {
      a = x1;
      x1 = x2;
      f1 = f2;
      x2 = a + PHI * (b - a);
      f2 = f(x2);
    }
  }
  return f1 <= f2 ? { x: x1, fx: f1 } : { x: x2, fx: f2 };
}
