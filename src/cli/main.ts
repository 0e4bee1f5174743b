import { Command, CommanderError } from "@commander-js/extra-typings";
import pkg from "../../package.json" with { type: "json" };
import { isFleetcastError } from "../errors.ts";
import { calibrateCommand } from "./commands/calibrate.ts";
import { chipsCommand } from "./commands/chips.ts";
import { compareCommand } from "./commands/compare.ts";
import { exportCommand } from "./commands/export.ts";
import { modelsCommand } from "./commands/models.ts";
import { reliabilityCommand } from "./commands/reliability.ts";
import { schemaCommand } from "./commands/schema.ts";
import { serveCommand } from "./commands/serve.ts";
import { trainCommand } from "./commands/train.ts";
import { uiCommand } from "./commands/ui.ts";
import { validateCommand } from "./commands/validate.ts";
import { configureTree, HELP_AFTER_ERROR } from "./configure-tree.ts";
import { withFlagName } from "./flag-for-field.ts";
import { type CliIo, processIo } from "./io.ts";

/** Builds the program; every command writes through `io` so tests can run it in-process. */
export function buildProgram(io: CliIo): Command {
  const program = new Command("fleetcast")
    .description(
      "What an accelerator fleet can really do: training plans, reliability, serving capacity and the " +
        "NVIDIA/Ascend split, checked against published runs.",
    )
    .addHelpText(
      "after",
      "\nExamples:\n  $ fleetcast compare                      # the story: who trains, who serves\n" +
        "  $ fleetcast train plan --model deepseek-v3 --chip huawei-ascend-910c --count 4096 \\\n" +
        "      --seq-len 4096 --global-batch-tokens 62914560 --tokens 14.8T\n" +
        "  $ fleetcast validate                     # every published case, predicted and compared",
    )
    .version(pkg.version)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .showHelpAfterError(HELP_AFTER_ERROR);
  program.enablePositionalOptions();
  program.addCommand(compareCommand(io));
  program.addCommand(chipsCommand(io));
  program.addCommand(modelsCommand(io));
  program.addCommand(trainCommand(io));
  program.addCommand(reliabilityCommand(io));
  program.addCommand(serveCommand(io));
  program.addCommand(validateCommand(io));
  program.addCommand(calibrateCommand(io));
  program.addCommand(exportCommand(io));
  program.addCommand(schemaCommand(io));
  program.addCommand(uiCommand(io));
  configureTree(program, io);
  return program;
}

/** Exit code of a run whose answer is computed but meets nothing asked (no plan, limits not met). */
const EXIT_INFEASIBLE = 3;

/**
 * Runs the CLI. Returns the exit code: 0 ok, 1 bad input, 2 internal error, 3 computed but infeasible (no plan
 * meets the request: `train plan` without a plan, `serve plan` without a layout, on chips too few for the weights, or
 * whose pools miss the limits).
 */
export async function run(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let infeasible = false;
  const program = buildProgram({
    ...io,
    markInfeasible: () => {
      infeasible = true;
    },
  });
  try {
    await program.parseAsync([...argv], { from: "user" });
    return infeasible ? EXIT_INFEASIBLE : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; usage errors were already printed by commander.
      return error.exitCode === 0 ? 0 : 1;
    }
    if (isFleetcastError(error)) {
      io.err(`error: ${withFlagName(error.message, error.path, program, argv)}\n`);
      return error.infeasible ? EXIT_INFEASIBLE : 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`internal error: ${message}\n`);
    if (process.env.FLEETCAST_DEBUG && error instanceof Error && error.stack) io.err(`${error.stack}\n`);
    else io.err("(set FLEETCAST_DEBUG=1 for the stack trace; please report this)\n");
    return 2;
  }
}
