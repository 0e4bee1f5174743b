/** A dotted field path of plain identifiers (`workload.maxInputTokens`), the only kind a message is rewritten for. */
export const FIELD_PATH = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;

/**
 * A message with every whole-word occurrence of the field name `from` (a dotted path or one field) written as `to`:
 * how the CLI names a library field by its flag and the API by the request body's spelling. Only a name standing
 * alone is replaced, not one inside a longer name or path (`count` in `chip_count` or `x.count` stays).
 * @example renameField("workload.maxTotalTokens is 5", "workload.maxTotalTokens", "workload.max_total_tokens") // "workload.max_total_tokens is 5"
 */
export function renameField(message: string, from: string, to: string): string {
  if (from === to || !FIELD_PATH.test(from)) return message;
  return message.replace(new RegExp(`(?<![\\w.-])${from.replaceAll(".", "\\.")}(?![\\w-])`, "g"), to);
}
