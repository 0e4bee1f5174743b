/** Levenshtein distance (Wagner–Fischer), for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** The names nearest to `query`: substring matches first, then by edit distance. */
export function suggestNames(query: string, names: readonly string[], max = 3): string[] {
  const q = query.toLowerCase();
  return names
    .map((name) => {
      const n = name.toLowerCase();
      const score = n.includes(q) || q.includes(n) ? 0 : editDistance(q, n);
      return { name, score };
    })
    .filter((x) => x.score <= Math.max(3, Math.floor(q.length / 2)))
    .sort((x, y) => x.score - y.score || x.name.localeCompare(y.name))
    .slice(0, max)
    .map((x) => x.name);
}
