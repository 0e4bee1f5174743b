/**
 * The dashboard's state in the URL hash, so a view with its inputs can be shared: `#/<view>?key=value&...`.
 * Only inputs that differ from their defaults are written.
 */

export const VIEWS = ["fleet", "train", "reliability", "serving", "validation"] as const;
export type View = (typeof VIEWS)[number];

export interface UrlState {
  view: View;
  params: Record<string, string>;
}

/** Reads `#/train?count=2048` into `{view: "train", params: {count: "2048"}}`; unknown views give "fleet". */
export function readUrlState(hash: string): UrlState {
  const body = hash.replace(/^#\/?/, "");
  const [name = "", query = ""] = body.split("?", 2);
  const view = (VIEWS as readonly string[]).includes(name) ? (name as View) : "fleet";
  return { view, params: Object.fromEntries(new URLSearchParams(query)) };
}

/** Writes a hash for a view and its params, leaving out params equal to `defaults` (sorted, so it is stable). */
export function writeUrlState(state: UrlState, defaults: Record<string, string> = {}): string {
  const entries = Object.entries(state.params)
    .filter(([k, v]) => v !== "" && defaults[k] !== v)
    .sort(([a], [b]) => a.localeCompare(b));
  const query = new URLSearchParams(entries).toString();
  return `#/${state.view}${query ? `?${query}` : ""}`;
}

/**
 * The params of a part of a view kept under a prefix in the view's params (`sim_requests=1234` → `{requests:
 * "1234"}`), so a panel's edits live in the URL beside the view's own inputs (review 19 C5).
 */
export function subParams(params: Record<string, string>, prefix: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params)
      .filter(([k]) => k.startsWith(prefix))
      .map(([k, v]) => [k.slice(prefix.length), v]),
  );
}

/** `params` with its prefixed part replaced by `sub` (its keys written under the prefix). */
export function withSubParams(
  params: Record<string, string>,
  prefix: string,
  sub: Record<string, string>,
): Record<string, string> {
  return {
    ...Object.fromEntries(Object.entries(params).filter(([k]) => !k.startsWith(prefix))),
    ...Object.fromEntries(Object.entries(sub).map(([k, v]) => [`${prefix}${k}`, v])),
  };
}
