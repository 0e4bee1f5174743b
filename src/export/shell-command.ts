/** Characters that need no quoting in a POSIX shell word. */
const SAFE = /^[A-Za-z0-9_./:=,+@%-]+$/;
/** A whole-word reference to an environment variable, left unquoted so that the shell expands it. */
const VARIABLE = /^\$[A-Z_][A-Z0-9_]*$/;

/**
 * Quotes one word for a POSIX shell: safe words and `$VAR` references as they are, anything else in single
 * quotes with embedded single quotes written as '\'' (POSIX.1-2017 XCU §2.2.3, single-quote semantics).
 * @example shellQuote("([0]*3+[1]*58)") // "'([0]*3+[1]*58)'"
 */
export function shellQuote(word: string): string {
  if (word.length > 0 && (SAFE.test(word) || VARIABLE.test(word))) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * A command as shell text: `export NAME=value` lines, then the program words, then the arguments, one flag (or
 * script) with its values per line, joined with backslash continuations.
 */
export function shellCommand(
  program: readonly string[],
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): string {
  const lines: string[] = [];
  for (const [name, value] of Object.entries(env)) lines.push(`export ${name}=${shellQuote(value)}`);
  const head = program.map(shellQuote).join(" ");
  const groups: string[][] = [];
  for (const a of args) {
    const last = groups[groups.length - 1];
    if (a.startsWith("--") || a.endsWith(".py") || last === undefined) groups.push([a]);
    else last.push(a);
  }
  const body = groups.map((g) => `  ${g.map(shellQuote).join(" ")}`);
  lines.push(body.length ? `${head} \\\n${body.join(" \\\n")}` : head);
  return lines.join("\n");
}
