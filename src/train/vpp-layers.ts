import type { Advisory } from "./evaluate-plan.ts";

/**
 * Chunks of an interleaved pipeline that may hold no layer: the first rank's embedding and the last rank's head in
 * their place (Llama 3 405B: 126 layers on 16 x 8 chunks, Llama 3 paper §3.3.2; Megatron's uneven first and last
 * stages).
 */
export const EMPTY_END_CHUNKS = 2;

/**
 * Why `vpp` virtual stages on `pp` pipeline stages cannot hold `layers` layers (pp x vpp chunks past the layers and
 * the two end chunks), or null when they can. With `pp` unknown, the fewest stages an interleaved pipeline has (2).
 */
export function vppLayersViolation(pp: number | undefined, vpp: number, layers: number): Advisory | null {
  // virtual stages split a pipeline: one stage has nothing to interleave (re-read 21: only the plan check said so)
  if (pp === 1 && vpp > 1) {
    return {
      code: "vpp-layers",
      message: `Cannot use ${vpp} virtual stages on PP=1: virtual stages split a pipeline`,
      hint: "set pp > 1 or vpp = 1",
    };
  }
  const stages = pp ?? 2;
  if (vpp <= 1 || stages * vpp <= layers + EMPTY_END_CHUNKS) return null;
  return {
    code: "vpp-layers",
    message:
      pp === undefined
        ? `Cannot use ${vpp} virtual stages: even on two pipeline stages, ${layers} layers do not fill ${stages * vpp} chunks`
        : `Cannot use ${vpp} virtual stages on PP=${pp}: ${layers} layers do not fill ${stages * vpp} chunks`,
    hint: `pick vpp so that pp x vpp is at most the layer count + ${EMPTY_END_CHUNKS} (the first and last chunks may hold only the embedding and head)`,
  };
}
