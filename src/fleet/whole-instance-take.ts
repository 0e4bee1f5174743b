import { MAX_PLANNED_LOAD, type ServePlan, wholePackages } from "../serve/index.ts";

/** The share of a layout's full-load rate a fleet plans on: the one `serve plan` sizes its pools at. */
export const MAX_FLEET_LOAD = MAX_PLANNED_LOAD;

/** How a fleet pool serves its share: whole instances of one mode, their chips and the output they carry. */
export interface InstanceTake {
  mode: "colocated" | "disaggregated";
  /** Chips of the whole instances taken. */
  chips: number;
  /** Output tokens/s the instances carry at full load (can pass the share asked: instances are whole). */
  capacityOutputTokensPerS: number;
  /** Colocated instances (0 when split). */
  instances: number;
  /** Prefill and decode instances when split (0 when colocated). */
  prefillInstances: number;
  decodeInstances: number;
}

/**
 * The whole instances a pool of `availableChips` takes to carry `outputTokensPerS` (or as much of it as fits), from
 * the layouts `planServe` chose: colocated instances, or prefill and decode instances in the ratio the demand
 * needs. A split pair is sized as `plan-serve.ts` sizes its pools for a demand: decode instances carry the output
 * tokens at their rate, and a prefill chip feeds `1 / prefillChipsPerDecodeChip` decode chips. Of the modes the plan
 * has, the one carrying the most of the share wins, then the one with fewer chips. Null when not one instance fits.
 * A 256-chip DeepSeek-V3 instance is 256 chips whatever share it carries: sizing per chip would have served a
 * tiny demand on one chip, and a 3,072-chip pool with 3,328 chips of instances (fleet review, 2026-11-30).
 * `maxLoad` scales every instance's rate: the fleet plans on MAX_FLEET_LOAD of it, and reports that as capacity.
 * @example wholeInstanceTake(plan, 1e6, 3072)?.chips // a multiple of the instance sizes, at most 3,072
 */
export function wholeInstanceTake(
  plan: Pick<ServePlan, "colocated" | "disaggregated">,
  outputTokensPerS: number,
  availableChips: number,
  maxLoad = 1,
): InstanceTake | null {
  const options: InstanceTake[] = [];
  const co = plan.colocated;
  if (co !== null && co.tokensPerSPerChip > 0 && co.chipsPerInstance <= availableChips) {
    const perInstance = co.tokensPerSPerChip * co.chipsPerInstance * maxLoad;
    const n = Math.min(
      Math.max(1, Math.ceil(outputTokensPerS / perInstance - 1e-9)),
      Math.floor(availableChips / co.chipsPerInstance),
    );
    options.push({
      mode: "colocated",
      chips: wholePackages(n * co.chipsPerInstance),
      capacityOutputTokensPerS: n * perInstance,
      instances: n,
      prefillInstances: 0,
      decodeInstances: 0,
    });
  }
  const split = plan.disaggregated;
  if (split !== null && split.decode.tokensPerSPerChip > 0 && split.prefillChipsPerDecodeChip > 0) {
    const d = split.decode.chipsPerInstance;
    const p = split.prefill.chipsPerInstance;
    const decodeRate = split.decode.tokensPerSPerChip * d * maxLoad;
    // output tokens/s one prefill instance feeds: a prefill chip feeds 1/ratio decode chips
    const prefillRate = (split.decode.tokensPerSPerChip * p * maxLoad) / split.prefillChipsPerDecodeChip;
    const maxDecode = Math.floor((availableChips - p) / d);
    /** nd decode instances with the prefill instances they need (as many as the chips left allow). */
    const takeWith = (nd: number) => {
      const wanted = Math.min(nd * decodeRate, outputTokensPerS);
      const needed = Math.max(1, Math.ceil(wanted / prefillRate - 1e-9));
      const np = Math.min(needed, Math.floor((availableChips - nd * d) / p));
      const take: InstanceTake = {
        mode: "disaggregated",
        chips: wholePackages(np * p + nd * d),
        capacityOutputTokensPerS: Math.min(np * prefillRate, nd * decodeRate),
        instances: 0,
        prefillInstances: np,
        decodeInstances: nd,
      };
      // more decode instances cannot carry more once the share is met or prefill has run out of chips
      const last = take.capacityOutputTokensPerS >= outputTokensPerS * (1 - 1e-9) || np < needed;
      return { take, last };
    };
    // Before the first nd that is `last`, each more decode instance carries more, so the best take is that nd or the
    // one before (or maxDecode when none is last). Both conditions turn once as nd grows: found by bisection, not by
    // walking up one instance at a time (re-read 20: 10^9 requests/s on unlimited chips took 79 s, linear in the
    // demand).
    let lo = 1;
    let hi = Math.max(1, maxDecode);
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (takeWith(mid).last) hi = mid;
      else lo = mid + 1;
    }
    let best: InstanceTake | null = null;
    for (let nd = Math.max(1, lo - 1); nd <= Math.min(lo, maxDecode); nd++) {
      const { take } = takeWith(nd);
      if (best === null || better(take, best, outputTokensPerS)) best = take;
    }
    if (best !== null) options.push(best);
  }
  let chosen: InstanceTake | null = null;
  for (const o of options) if (chosen === null || better(o, chosen, outputTokensPerS)) chosen = o;
  return chosen;
}

/** True when `a` carries more of the share than `b`, or as much on fewer chips. */
function better(a: InstanceTake, b: InstanceTake, share: number): boolean {
  const carriedA = Math.min(a.capacityOutputTokensPerS, share);
  const carriedB = Math.min(b.capacityOutputTokensPerS, share);
  if (Math.abs(carriedA - carriedB) > 1e-9 * Math.max(1, share)) return carriedA > carriedB;
  return a.chips < b.chips;
}
