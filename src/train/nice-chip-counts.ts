/**
 * Chip counts worth training on within `count`, largest first: all of it in whole servers, then 2^k, 5·2^k and
 * 3·2^k chips (in whole servers) down to 8. Batch sizes and expert counts are powers of two times small factors
 * (DeepSeek-V3's global batch is 15,360 = 2^10 x 3 x 5 sequences, V3 report §4.2), so these are the counts whose
 * data-parallel degrees divide the batch (QA 27: without 5·2^k, a pool of 1,466 910B2 trained on 1,024 where 1,280
 * ran 15 % faster). A count smaller than one server is taken whole.
 * @example niceChipCounts(3456, 8).slice(0, 3) // [3456, 3072, 2560]
 */
export function niceChipCounts(count: number, chipsPerNode: number): number[] {
  const node = Math.max(1, chipsPerNode);
  const whole = (n: number) => Math.floor(n / node) * node;
  const out = new Set<number>([count < node ? count : whole(count)]);
  for (let n = 8; n <= count; n *= 2) {
    for (const m of [n, n * 1.25, n * 1.5]) if (m <= count && whole(m) > 0) out.add(whole(m));
  }
  return [...out].sort((a, b) => b - a);
}
