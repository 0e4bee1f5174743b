/**
 * The ids nearest to a mistyped query, for "did you mean" messages: the query (lowercase, spaces and
 * underscores as "-") is compared by edit distance with each id and with each run of its "-"-separated parts,
 * so "h100" finds "nvidia-h100-sxm" at distance 0; a query whose parts all appear, in order, among the id's parts
 * counts as one edit ("llama-70b" finds "llama-3.1-70b", a version tag left out). Ties go to the id closest as a
 * whole, then alphabetically.
 * Only ids within one edit of the best match, and within a third of the query length (at least 2 edits), are
 * suggested.
 * @example suggestIds("h100", ["nvidia-h100-sxm", "amd-mi300x"]) // ["nvidia-h100-sxm"]
 */
export function suggestIds(query: string, ids: readonly string[], max = 3): string[] {
  const q = normalized(query);
  if (q === "") return [];
  const limit = Math.max(2, Math.floor(q.length / 3));
  const scored = ids.map((id) => {
    // the ids read as the query is: a snake_case field's words are parts too ("count" finds chip_count; review 34)
    const lower = normalized(id);
    const whole = editDistance(q, lower);
    const omitted = partsInOrder(q, lower) ? 1 : Number.POSITIVE_INFINITY;
    return { id, score: Math.min(whole, partDistance(q, lower), omitted), whole };
  });
  const best = Math.min(...scored.map((x) => x.score));
  return scored
    .filter((x) => x.score <= Math.min(limit, best + 1))
    .sort((a, b) => a.score - b.score || a.whole - b.whole || a.id.localeCompare(b.id))
    .slice(0, max)
    .map((x) => x.id);
}

/** Levenshtein distance (Wagner-Fischer dynamic programme, one row). */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

// --- internal ---

/** Lowercase, spaces and underscores as "-": how a query and an id are compared. */
function normalized(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, "-");
}

/** Smallest distance between the query and any contiguous run of the id's "-"-separated parts. */
function partDistance(query: string, id: string): number {
  const parts = id.split("-");
  let best = Number.POSITIVE_INFINITY;
  for (let start = 0; start < parts.length; start++) {
    for (let end = start + 1; end <= parts.length; end++) {
      best = Math.min(best, editDistance(query, parts.slice(start, end).join("-")));
    }
  }
  return best;
}

/** Whether a query of two or more "-"-separated parts has each of them, in order, among the id's parts. */
function partsInOrder(query: string, id: string): boolean {
  const wanted = query.split("-").filter((p) => p !== "");
  if (wanted.length < 2) return false;
  let k = 0;
  for (const part of id.split("-")) if (part === wanted[k]) k++;
  return k === wanted.length;
}
