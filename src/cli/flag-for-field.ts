import type { Command } from "@commander-js/extra-typings";
import { FIELD_PATH, renameField } from "../util/rename-field.ts";

/** `global_batch_tokens` and `maxInputTokens` as the kebab-case flag names the CLI spells them with. */
function kebab(field: string): string {
  return field
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/_/g, "-")
    .toLowerCase();
}

/** The deepest subcommand `argv` names (`serve simulate` in `serve simulate --rate 2`), or the program itself. */
function commandOf(program: Command, argv: readonly string[]): Command {
  let command: Command = program;
  for (const word of argv) {
    if (word.startsWith("-")) break;
    const sub = command.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (sub === undefined) break;
    command = sub as Command;
  }
  // a command run through its default subcommand (`reliability` runs `reliability simulate`); commander keeps the
  // default's name in a field of its own
  const fallback = (command as unknown as { _defaultCommandName?: string | null })._defaultCommandName;
  const sub = fallback ? command.commands.find((c) => c.name() === fallback) : undefined;
  return sub === undefined ? command : (sub as Command);
}

/**
 * An error message of the library, which names its input fields as the HTTP API and the files spell them
 * (`global_batch_tokens`, `maxInputTokens`), with the field its path names written as the flag of the command that
 * ran (`--global-batch-tokens`), when that command has such a flag (QA 29). Other words are left as they are.
 */
export function withFlagName(
  message: string,
  path: string | undefined,
  program: Command,
  argv: readonly string[],
): string {
  // a nested path (`workload.maxInputTokens`) names its flag by its last field
  if (path === undefined || !FIELD_PATH.test(path)) return message;
  const field = path.slice(path.lastIndexOf(".") + 1);
  const flag = `--${kebab(field)}`;
  if (flag === `--${path}`) return message;
  const known = commandOf(program, argv).options.some((o) => o.long === flag);
  if (!known) return message;
  const names = path === field ? [path] : [path, field];
  return names.reduce((text, name) => renameField(text, name, flag), message);
}
