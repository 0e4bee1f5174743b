import { importModel, summarizeModel } from "../arch/index.ts";
import { type Chip, describeChip } from "../catalog/chips/index.ts";
import { builtinModels, type CatalogModel } from "../catalog/models/index.ts";
import { snakeCaseKeys } from "../util/snake-case-keys.ts";

/**
 * One chip for `GET /api/chips`: the figures a dashboard plots (peaks, memory, fabrics, power, price), unknown
 * values null. Sources, notes and measurements are in `GET /api/chips/:id`.
 * @example chipSummaryJson(chip).hbm_gb // 80 for nvidia-h100-sxm
 */
export function chipSummaryJson(chip: Chip) {
  return snakeCaseKeys({
    id: chip.id,
    name: chip.name,
    vendor: chip.vendor,
    family: chip.family,
    kind: chip.kind,
    status: chip.status,
    releaseYear: chip.releaseYear,
    peakTflops: chip.peakTflops,
    hbmGB: chip.hbmGB,
    hbmTBps: chip.hbmTBps,
    scaleUp: chip.scaleUp,
    scaleOut: chip.scaleOut,
    ranksPerChip: chip.ranksPerChip,
    tdpW: chip.tdpW,
    priceUsd: chip.priceUsd,
    cloudUsdPerChipHour: chip.cloudUsdPerChipHour,
    confidence: chip.confidence,
  }) as Record<string, unknown>;
}

/**
 * One chip in full for `GET /api/chips/:id`: every field (snake_case), with the printable description
 * (`describeChip`: labelled rows with units, uncertain fields, conflicts, sources, notes).
 */
export function chipDetailJson(chip: Chip) {
  // `uncertain` is keyed by catalog field names (already snake_case): copied as it is.
  const fields = snakeCaseKeys(chip, { keep: ["uncertain"] }) as Record<string, unknown>;
  const d = describeChip(chip);
  return {
    ...fields,
    description: {
      rows: d.rows,
      uncertain: d.uncertain,
      conflicts: d.conflicts,
      sources: d.sources,
      notes: d.notes,
    },
  };
}

/** One built-in model for `GET /api/models`: names, provenance and the headline counts. */
export function modelSummaryJson(model: CatalogModel) {
  const s = summarizeModel(importModel(model.config, model.displayName).arch);
  return {
    name: model.name,
    display_name: model.displayName,
    aliases: model.aliases,
    source: model.provenance.source,
    model_type: s.model_type,
    kind: s.kind,
    attention: s.attention,
    params_total: s.params_total,
    params_active: s.params_active,
  };
}

/** One built-in model in full for `GET /api/models/:name`: the summary of `fleetcast models show` and its config. */
export function modelDetailJson(model: CatalogModel) {
  const { arch, advisories } = importModel(model.config, model.displayName);
  return {
    name: model.name,
    display_name: model.displayName,
    aliases: model.aliases,
    provenance: model.provenance,
    summary: snakeCaseKeys(summarizeModel(arch)),
    advisories,
    config: model.config,
  };
}

/** Every built-in model, summarised (the list is read once per process by the catalog). */
export function modelListJson() {
  return builtinModels().map(modelSummaryJson);
}
