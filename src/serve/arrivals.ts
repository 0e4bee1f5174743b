import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import type { RandomGenerator } from "pure-rand/types/RandomGenerator";
import { FleetcastError } from "../errors.ts";

// token counts are held in Int32Arrays by the simulator: 2^31 - 1 at most (3e9 wrapped to a negative length and
// passed the pool check)
export const MAX_TOKENS_PER_REQUEST = 2 ** 31 - 1;

/** One request of a workload: when it arrives (seconds) and its prompt and output lengths (tokens). */
export interface TraceRow {
  arrivalS: number;
  inputTokens: number;
  outputTokens: number;
}

/**
 * Parses a CSV trace: a header naming `timestamp_s` (or `arrival_s`), `input_tokens` and `output_tokens` in
 * any order, then one request per line. Rows are sorted by arrival.
 * @throws FleetcastError naming the line and column of the first bad value.
 */
export function parseTraceCsv(text: string): TraceRow[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const header = (lines[0] ?? "").split(",").map((h) => h.trim().toLowerCase());
  const col = (names: string[]) => header.findIndex((h) => names.includes(h));
  const t = col(["timestamp_s", "arrival_s", "timestamp"]);
  const i = col(["input_tokens", "input"]);
  const o = col(["output_tokens", "output"]);
  if (t < 0 || i < 0 || o < 0) {
    throw new FleetcastError(
      `Cannot read trace: header is "${lines[0] ?? ""}" (needs timestamp_s, input_tokens, output_tokens)`,
      "trace",
    );
  }
  const rows: TraceRow[] = [];
  for (let n = 1; n < lines.length; n++) {
    const cells = (lines[n] ?? "").split(",");
    const num = (k: number, name: string, min: number, whole: boolean, max = Number.POSITIVE_INFINITY) => {
      const raw = (cells[k] ?? "").trim();
      const v = Number(raw);
      if (raw === "" || !Number.isFinite(v) || v < min || v > max || (whole && !Number.isInteger(v))) {
        throw new FleetcastError(
          `Cannot read trace: line ${n + 1} ${name} is "${raw}" (must be ${whole ? "a whole number" : "a number"} >= ${min}${max < Number.POSITIVE_INFINITY ? ` and <= ${max}` : ""})`,
          `trace[${n}].${name}`,
        );
      }
      return v;
    };
    rows.push({
      arrivalS: num(t, "timestamp_s", 0, false),
      // token counts are whole, as the API's trace rows are (lengths are held in Int32Arrays by the simulator)
      inputTokens: num(i, "input_tokens", 1, true, MAX_TOKENS_PER_REQUEST),
      outputTokens: num(o, "output_tokens", 1, true, MAX_TOKENS_PER_REQUEST),
    });
  }
  if (rows.length === 0) {
    throw new FleetcastError("Cannot read trace: it has a header and no requests", "trace");
  }
  return rows.sort((a, b) => a.arrivalS - b.arrivalS);
}

/** Exponential inter-arrival gap of a Poisson process of `ratePerS`, seconds. */
export function exponentialGapS(rng: RandomGenerator, ratePerS: number): number {
  return -Math.log(1 - uniformFloat64(rng)) / ratePerS;
}

/**
 * Gamma-distributed inter-arrival gap with mean 1/rate and shape `burstiness`, as vLLM's benchmark_serving
 * `--burstiness` draws them (shape < 1 is burstier than Poisson, shape 1 is Poisson). Marsaglia & Tsang (2000)
 * sampler, with the shape < 1 boost u^(1/k).
 */
export function gammaGapS(rng: RandomGenerator, ratePerS: number, burstiness: number): number {
  const k = burstiness;
  const scale = 1 / (ratePerS * k);
  if (k < 1) return gammaUnit(rng, k + 1) * uniformFloat64(rng) ** (1 / k) * scale;
  return gammaUnit(rng, k) * scale;
}

// --- internal ---

function gammaUnit(rng: RandomGenerator, k: number): number {
  const d = k - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      // Box-Muller standard normal
      const u1 = 1 - uniformFloat64(rng);
      const u2 = uniformFloat64(rng);
      x = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - uniformFloat64(rng);
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}
