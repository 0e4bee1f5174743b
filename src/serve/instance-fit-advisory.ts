import type { ModelArch } from "../arch/index.ts";
import type { Chip } from "../catalog/chips/index.ts";
import { isFleetcastError } from "../errors.ts";
import { threeDigits } from "../util/three-digits.ts";
import type { ServeAdvisory } from "./serve-advisory.ts";
import { serveEfficiencyPrior } from "./serve-efficiency.ts";
import { type InstanceConfig, type ServePrecision, serveSetup } from "./serve-setup.ts";

const GB = 1e9;

/**
 * Whether one instance of a layout a user writes down (an export's TP, PP, EP and DP attention) holds the model: its
 * weights within a rank's HBM, and room left for a KV cache under the engine's memory fraction. Null when it does;
 * else the advisory that says which and by how much (QA 40: the export API wrote Llama 3.1 405B in BF16 at TP1 on one
 * H100, 810 GB on 80, without a word). Memory only: the throughput of such a layout is `serve plan`'s to judge.
 */
export function instanceFitAdvisory(
  arch: ModelArch,
  chip: Chip,
  config: InstanceConfig,
  precision: ServePrecision,
  engine: string,
): ServeAdvisory | null {
  let setup: ReturnType<typeof serveSetup>;
  try {
    setup = serveSetup({
      arch,
      chip,
      config,
      precision,
      engine,
      efficiency: serveEfficiencyPrior(engine, chip.family),
    });
  } catch (error) {
    // a layout the serving model cannot build is the export's own checks' to refuse, not this advisory's
    if (isFleetcastError(error)) return null;
    throw error;
  }
  const layout = `TP ${config.tp}${(config.pp ?? 1) > 1 ? ` x PP ${config.pp}` : ""}${config.ep > 1 ? `, EP ${config.ep}` : ""}`;
  const weightsGB = setup.weightBytesPerRank / GB;
  const hbmGB = setup.hbmBytesPerRank / GB;
  if (weightsGB > hbmGB)
    return {
      code: "instance_does_not_fit",
      message: `${arch.name}'s ${precision.toUpperCase()} weights take ${threeDigits(weightsGB)} GB a rank at ${layout} on ${chip.id}, more than the ${threeDigits(hbmGB)} GB a rank has: the engine cannot load them`,
      hint: "spread the instance over more ranks (tensor or pipeline parallel, expert parallel for a mixture of experts) or store the weights narrower; `fleetcast serve plan` sizes one",
    };
  if (setup.kvPoolBytesPerRank <= 0)
    return {
      code: "instance_no_kv_room",
      message: `${arch.name}'s ${precision.toUpperCase()} weights take ${threeDigits(weightsGB)} GB a rank at ${layout} on ${chip.id}, leaving no room for a KV cache within the engine's memory fraction of ${threeDigits(hbmGB)} GB`,
      hint: "spread the instance over more ranks or store the weights narrower; `fleetcast serve plan` sizes one",
    };
  return null;
}
