import type { Command } from "@commander-js/extra-typings";
import type { CliIo } from "./io.ts";

/** The hint commander prints after a usage error. */
export const HELP_AFTER_ERROR = "(add --help for usage)";

/**
 * Commands built apart and added with addCommand do not inherit the program's settings: give every command
 * below `command` the same (help and usage errors written to `io`, CommanderError thrown instead of
 * process.exit, a pointer to --help, mandatory options marked "(required)" in help), recursively.
 */
export function configureTree(command: { readonly commands: readonly unknown[] }, io: CliIo): void {
  for (const sub of command.commands as readonly Command[]) {
    sub.exitOverride();
    sub.configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
    sub.showHelpAfterError(HELP_AFTER_ERROR);
    // Options after a subcommand's name belong to it (`models show X --json`).
    if (sub.commands.length > 0) sub.enablePositionalOptions();
    // commander's help does not mark mandatory options: say so in their description, once
    for (const option of sub.options as readonly { mandatory: boolean; description: string }[]) {
      if (option.mandatory && !option.description.endsWith("(required)")) option.description += " (required)";
    }
    configureTree(sub, io);
  }
}
