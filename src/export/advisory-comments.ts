import type { ExportAdvisory } from "./export-advisory.ts";

/**
 * Advisories as YAML comment lines to head a manifest: a heading, then each message with its hint on the next line,
 * every line starting with "# " (line breaks and other control characters in a text become spaces, so nothing leaves
 * the comment). Empty when there is no advisory. YAML ignores comments: the documents after them parse as before.
 * @example advisoryComments("megatron launch", [{ code: "c", message: "m", hint: "h" }])
 * // "# Advisories of the megatron launch:\n# - m\n#   hint: h\n"
 */
export function advisoryComments(what: string, advisories: readonly ExportAdvisory[]): string {
  if (advisories.length === 0) return "";
  const lines = [`Advisories of the ${oneLine(what)}:`];
  for (const a of advisories) lines.push(`- ${oneLine(a.message)}`, `  hint: ${oneLine(a.hint)}`);
  return lines.map((line) => `# ${line}\n`).join("");
}

// --- internal ---

/**
 * Control characters (line breaks, tabs, the C1 set: YAML allows none of them but tab in a comment) and the line and
 * paragraph separators, each run as one space.
 */
function oneLine(text: string): string {
  return text.replace(/[\p{Cc}\u2028\u2029]+/gu, " ");
}
