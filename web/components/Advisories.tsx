import type { Advisory } from "../lib/api-types.ts";

/** Valid-but-poor findings of a result, each with what to do about it; repeated codes and messages once. */
export function Advisories({ items }: { items: readonly Advisory[] }) {
  const seen = new Set<string>();
  const unique = items.filter((a) => {
    const key = `${a.code}|${a.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (unique.length === 0) return null;
  return (
    <ul class="advisories" aria-label="advisories">
      {unique.map((a) => (
        <li key={`${a.code}|${a.message}`}>
          <strong>{a.message}</strong>
          {a.hint ? <span class="hint"> — {a.hint}</span> : null}
        </li>
      ))}
    </ul>
  );
}
