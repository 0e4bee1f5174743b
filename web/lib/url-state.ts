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
