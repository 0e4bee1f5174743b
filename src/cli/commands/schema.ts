import { Command } from "@commander-js/extra-typings";
import { scenarioJsonSchema } from "../../fleet/index.ts";
import type { CliIo } from "../io.ts";
import { json } from "../render.ts";

export function schemaCommand(io: CliIo) {
  return new Command("schema")
    .description("Print the JSON Schema of the scenario file that `fleetcast compare FILE` reads")
    .addHelpText("after", "\nExamples:\n  $ fleetcast schema > scenario.schema.json")
    .action(() => {
      io.out(json(scenarioJsonSchema()));
    });
}
