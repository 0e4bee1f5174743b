import { Command } from "@commander-js/extra-typings";
import { describeChip } from "../../catalog/chips/index.ts";
import { rolesOnFamily } from "../../catalog/stacks/index.ts";
import { chipCatalog } from "../context.ts";
import type { CliIo } from "../io.ts";
import { formatNumber, json, table } from "../render.ts";

function chipJson(chip: ReturnType<ReturnType<typeof chipCatalog>["get"]>) {
  return {
    id: chip.id,
    name: chip.name,
    vendor: chip.vendor,
    family: chip.family,
    peak_tflops_dense: chip.peakTflops,
    hbm_gb: chip.hbmGB,
    hbm_tbps: chip.hbmTBps,
    scale_up: {
      name: chip.scaleUp.name,
      kind: chip.scaleUp.kind,
      domain_size: chip.scaleUp.domainSize,
      chip_gbps_unidir: chip.scaleUp.chipGBpsUnidir,
      peer_gbps_unidir: chip.scaleUp.peerGBpsUnidir,
    },
    scale_out_gbps_per_chip: chip.scaleOut.chipGbps,
    tdp_w: chip.tdpW,
    price_usd: chip.priceUsd,
    cloud_usd_per_chip_hour: chip.cloudUsdPerChipHour,
    ranks_per_chip: chip.ranksPerChip,
    export_control: chip.exportControl,
    uncertain: chip.uncertain,
    conflicts: chip.conflicts,
    sources: chip.sources,
  };
}

export function chipsCommand(io: CliIo): Command {
  const chips = new Command("chips")
    .description("List the accelerator catalog (dense peaks, HBM, fabrics), with sources")
    .option("--catalog <file>", "a YAML/JSON file of chips that adds to or overrides the built-in ones")
    .option("--json", "print JSON")
    .addHelpText("after", "\nExamples:\n  $ fleetcast chips\n  $ fleetcast chips show huawei-ascend-910c")
    .action((opts) => {
      const catalog = chipCatalog(opts.catalog);
      if (opts.json) {
        io.out(json(catalog.all().map(chipJson)));
        return;
      }
      io.out(
        table(
          [
            "id",
            "family",
            "bf16 TFLOPS",
            "fp8 TFLOPS",
            "HBM GB",
            "HBM TB/s",
            "scale-up",
            "domain",
            "GB/s/chip",
            "NIC Gb/s",
            "plans",
          ],
          catalog
            .all()
            .map((c) => [
              c.id,
              c.family,
              c.peakTflops.bf16 === null && c.peakTflops.fp16 !== null
                ? `${formatNumber(c.peakTflops.fp16)} (fp16)`
                : formatNumber(c.peakTflops.bf16),
              formatNumber(c.peakTflops.fp8),
              formatNumber(c.hbmGB),
              formatNumber(c.hbmTBps),
              c.scaleUp.kind,
              c.scaleUp.domainSize,
              formatNumber(c.scaleUp.chipGBpsUnidir),
              formatNumber(c.scaleOut.chipGbps),
              rolesOnFamily(c.family).join(" + ") || "none",
            ]),
        ),
      );
      io.err(
        "Dense figures (no sparsity), per package; (fp16): no BF16, its FP16 peak; plans: what a stack of the catalog runs on the chip's family (none: listed for its figures, no plan prices it). `fleetcast chips show ID` gives sources, caveats and figures fleetcast filled.\n",
      );
    });

  chips
    .command("show")
    .description("Show one chip with every figure, its sources, and what is uncertain or conflicting")
    .argument("<id>", "a chip id, e.g. nvidia-h800-sxm")
    .option("--catalog <file>", "a YAML/JSON file of chips that adds to or overrides the built-in ones")
    .option("--json", "print JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  $ fleetcast chips show nvidia-h800-sxm\n  $ fleetcast chips show huawei-ascend-910b2 --json",
    )
    .action((id, opts) => {
      const chip = chipCatalog(opts.catalog).get(id);
      if (opts.json) {
        io.out(json(chipJson(chip)));
        return;
      }
      const d = describeChip(chip);
      io.out(table(["field", "value"], d.rows));
      const section = (title: string, lines: readonly string[]) => {
        if (lines.length === 0) return;
        io.out(`\n${title}:\n${lines.map((l) => `  - ${l}`).join("\n")}\n`);
      };
      section("Uncertain", d.uncertain);
      section("Conflicts between sources", d.conflicts);
      section("Notes", d.notes);
      section("Sources", d.sources);
    });
  return chips;
}
