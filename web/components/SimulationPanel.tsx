import { useMemo, useState } from "preact/hooks";
import { latencyPercentileChart } from "../../src/charts/index.ts";
import { MAX_SIM_REQUESTS } from "../../src/server/api-limits.ts";
import { postJson } from "../lib/api.ts";
import type { LatencyStatsJson, ServeSimulateJson } from "../lib/api-types.ts";
import { type FieldSpec, fieldErrors, fieldStatus, numberOf, valuesOf } from "../lib/fields.ts";
import { num } from "../lib/format.ts";
import { GRAPH_MODE_FIELD, graphModeBody } from "../lib/graph-mode-field.ts";
import { useAsync } from "../lib/use-async.ts";
import { Advisories } from "./Advisories.tsx";
import { Inputs } from "./Inputs.tsx";
import { PlotFigure } from "./PlotFigure.tsx";
import { Status } from "./Status.tsx";

/** The replica the serving plan chose: the layout and engine the panel simulates unless edited. */
export interface PlannedReplica {
  tp: number;
  ep: number;
  dpAttention: number;
  pp: number;
  /** Sequences decoding at once, as planned (null: the engine's default). */
  maxBatch: number | null;
  /** The serving stack the plan priced (src/catalog/stacks). */
  stack: string;
  /** One replica's share of the demand, requests/s (null: no demand sized this layout). */
  ratePerS: number | null;
  /** The plan sized this colocated layout for the demand, or only ranked it (the plan splits its pools, or has no demand). */
  sized: boolean;
  /**
   * Without a demand's share: 70 % of what one DP rank of the layout carries at its planned batch (its output
   * tokens per second over the answer length), a load its queue stays short at; null when unknown.
   */
  loadedRatePerS?: number | null;
}

/** The share of a layout's full-load rate a simulation starts at when no demand set one (a short queue). */
export const DEFAULT_LOAD = 0.7;

/** What the serving view passes down: its current fields and plan, the defaults of the simulation's. */
export interface SimulationPanelProps {
  model?: string;
  chip?: string;
  precision?: string;
  /** 4 when the serving view's routed experts are stored in 4 bits (W4A8). */
  expertWeightBits?: number | undefined;
  inputTokens?: number | null;
  outputTokens?: number | null;
  /** The serving view's latency limits, ms, drawn on the chart. */
  ttftLimitMs?: number | null;
  tpotLimitMs?: number | null;
  /** The colocated replica the plan chose (null or absent: the panel's own DeepSeek-V3 default). */
  replica?: PlannedReplica | null;
  /**
   * The panel's edited fields, kept by the view (in its URL params, so they survive a tab switch and can be
   * shared; review 19 C5) with `onEdits`; absent: the panel keeps them itself.
   */
  edits?: Record<string, string>;
  onEdits?: (edits: Record<string, string>) => void;
}

/** Requests one simulation may hold, as the API bounds them. */
const MAX_REQUESTS = MAX_SIM_REQUESTS;

/**
 * The simulation's inputs, defaults from the serving view where it has them: its model, chip, precision and
 * lengths, and the layout, batch and per-replica rate of the colocated replica it planned. Without a plan, TP16
 * EP16 is the smallest replica that holds DeepSeek-V3 in FP8 on H800 (80 GB) with a KV pool; 1 request/s keeps it
 * under the 50 ms TPOT limit at the story's request lengths (2 requests/s already preempts).
 */
export function simulationFields(props: SimulationPanelProps = {}): FieldSpec[] {
  const tokens = (x: number | null | undefined, fallback: string) =>
    x === null || x === undefined ? fallback : String(x);
  const replica = props.replica ?? null;
  // a rate shown with 4 significant digits: the input reads what the plan simulated, not 17 digits
  // (review 35: a split plan left "1", which overloaded the default view's replica)
  const perRank = replica?.ratePerS || replica?.loadedRatePerS || null;
  const rate = perRank ? String(Number(perRank.toPrecision(4))) : "1";
  return [
    { key: "model", label: "model", kind: "text", suggest: "model", default: props.model ?? "deepseek-v3" },
    { key: "chip", label: "chip", kind: "text", suggest: "chip", default: props.chip ?? "nvidia-h800-sxm" },
    {
      key: "tp",
      label: "tensor parallel (TP)",
      unit: "ranks",
      default: replica ? String(replica.tp) : "16",
      min: 1,
      max: 1024,
      step: 1,
      help: "ranks per attention replica (a 910C package is two ranks)",
    },
    {
      key: "dp_attention",
      label: "attention data parallel (DP)",
      default: replica ? String(replica.dpAttention) : "1",
      min: 1,
      max: 1024,
      step: 1,
      help: "attention replicas sharing the experts; the replica spans TP x DP x PP ranks",
    },
    {
      key: "pp",
      label: "pipeline parallel (PP)",
      default: replica ? String(replica.pp) : "1",
      min: 1,
      max: 256,
      step: 1,
    },
    {
      key: "ep",
      label: "expert parallel (EP)",
      default: replica ? String(replica.ep) : "16",
      min: 1,
      max: 1024,
      step: 1,
      help: "divides TP x DP",
    },
    {
      key: "max_batch",
      label: "batch (max)",
      unit: "sequences",
      default: replica?.maxBatch ? String(Math.max(1, Math.floor(replica.maxBatch))) : "",
      min: 1,
      max: 65_536,
      step: 1,
      optional: true,
      help: "sequences decoding at once per attention replica, as planned (rounded down); empty: the engine's default",
    },
    {
      key: "precision",
      label: "precision",
      kind: "select",
      options: ["bf16", "fp8", "int8", "fp4"],
      default: props.precision ?? "fp8",
    },
    {
      key: "expert_weight_bits",
      label: "routed experts",
      kind: "select",
      options: ["at precision", "4-bit"],
      default: props.expertWeightBits === 4 ? "4-bit" : "at precision",
      help: "4-bit: a W4A8 checkpoint of a mixture of experts (4-bit routed experts under INT8 GEMMs)",
    },
    GRAPH_MODE_FIELD,
    {
      key: "arrivals",
      label: "arrivals",
      kind: "select",
      options: ["poisson", "bursty", "burst", "closed"],
      default: "poisson",
      path: "workload.arrivals",
    },
    {
      key: "concurrency",
      label: "clients",
      default: "64",
      min: 1,
      step: 1,
      path: "workload.concurrency",
      help: "closed arrivals only: clients each sending its next request when its answer completes (vllm bench serve --max-concurrency)",
    },
    {
      key: "burstiness",
      label: "burstiness",
      default: "0.5",
      min: 0.001,
      step: "any",
      path: "workload.burstiness",
      help: "bursty only: gamma shape of the gaps, < 1 burstier",
    },
    {
      key: "rate_per_s",
      // the simulator runs one attention-DP rank (src/serve/simulate-serving.ts), and the plan's at-load rate is
      // the demand over instances x DP ranks (src/serve/size-pool.ts replicaAtLoad): a rank's rate, not an
      // instance's (review 19 A2)
      label: "arrival rate per attention-DP rank",
      unit: "requests/s",
      default: rate,
      min: 0.001,
      step: "any",
      path: "workload.rate_per_s",
      help: replica?.ratePerS
        ? "one DP rank's share of the demand, as the plan simulated it; not used by a burst or a closed loop"
        : replica?.loadedRatePerS
          ? `${DEFAULT_LOAD * 100} % of what one DP rank of the layout carries at its planned batch; not used by a burst or a closed loop`
          : "one DP rank's share: an instance's rate / its DP; not used by a burst (all requests at once) or a closed loop",
    },
    {
      key: "requests",
      label: "requests",
      default: "20000",
      min: 1,
      max: MAX_REQUESTS,
      step: 1,
      path: "workload.requests",
      help: `at most ${num(MAX_REQUESTS, 15)}`,
    },
    {
      key: "input_tokens",
      label: "input",
      unit: "tokens",
      default: tokens(props.inputTokens, "4383"),
      min: 1,
      step: 1,
      path: "workload.input_tokens",
    },
    {
      key: "output_tokens",
      label: "output",
      unit: "tokens",
      default: tokens(props.outputTokens, "1211"),
      min: 1,
      step: 1,
      path: "workload.output_tokens",
    },
    {
      key: "length_distribution",
      label: "lengths",
      kind: "select",
      options: ["uniform", "exponential"],
      default: "uniform",
      path: "workload.length_distribution",
      help: "exponential: long-tailed chat lengths with these means (prompts within 10x theirs, prompt + output within 10x and the KV pool)",
    },
    {
      key: "length_spread",
      label: "length spread",
      default: "0",
      min: 0,
      max: 0.99,
      step: "any",
      path: "workload.length_spread",
      help: "uniform lengths only: ±this share of the means (vLLM --random-range-ratio); 0: all the same",
    },
    { key: "seed", label: "seed", default: "1", min: 0, step: 1 },
  ];
}

/**
 * The request body of POST /api/serve/simulate for the values (and the planned stack, when the plan named one).
 * Empty numbers are sent as null, so the API says which one is missing; the layout, batch, seed and length spread
 * fall back to the API's defaults.
 */
export function simulateBody(values: Record<string, string>, stack?: string) {
  const bursty = values["arrivals"] === "bursty";
  const burst = values["arrivals"] === "burst";
  const closed = values["arrivals"] === "closed";
  const maxBatch = numberOf(values, "max_batch");
  return {
    model: values["model"] ?? "",
    chip: values["chip"] ?? "",
    tp: numberOf(values, "tp") ?? undefined,
    dp_attention: numberOf(values, "dp_attention") ?? undefined,
    pp: numberOf(values, "pp") ?? undefined,
    ep: numberOf(values, "ep") ?? undefined,
    ...(maxBatch === null ? {} : { max_batch: maxBatch }),
    ...(stack ? { stack } : {}),
    precision: values["precision"],
    ...(values["expert_weight_bits"] === "4-bit" ? { expert_weight_bits: 4 } : {}),
    ...graphModeBody(values),
    seed: numberOf(values, "seed") ?? undefined,
    workload: {
      arrivals: closed ? "closed" : burst ? "burst" : bursty ? "bursty" : "poisson",
      ...(bursty ? { burstiness: numberOf(values, "burstiness") } : {}),
      ...(closed ? { concurrency: numberOf(values, "concurrency") } : {}),
      ...(burst || closed ? {} : { rate_per_s: numberOf(values, "rate_per_s") }),
      requests: numberOf(values, "requests"),
      input_tokens: numberOf(values, "input_tokens"),
      output_tokens: numberOf(values, "output_tokens"),
      ...(values["length_distribution"] === "exponential"
        ? { length_distribution: "exponential" }
        : { length_spread: numberOf(values, "length_spread") ?? undefined }),
    },
  };
}

type SimulateBody = ReturnType<typeof simulateBody>;

/**
 * What one simulation ran, in words: one attention-DP rank and the instance it belongs to when DP > 1 ("one
 * attention-DP rank (1 chip) of a 32-chip DP32 instance"), else the instance. The simulator runs one DP rank
 * (src/serve/simulate-serving.ts); its chips are its output tokens/s over its tokens/s per chip (the API's per-chip
 * figure divides by the rank's chips), so a 910C's two ranks a package need no catalog look-up.
 * @example simulatedUnit(tp1Dp32OnH800) // "one attention-DP rank (1 chip) of a 32-chip DP32 instance"
 */
export function simulatedUnit(r: ServeSimulateJson): string {
  const dp = r.inputs.dp_attention ?? 1;
  const perChip = r.output_tokens_per_s_per_chip;
  const total = r.output_tokens_per_s;
  const chips =
    perChip !== null && total !== null && perChip > 0 && total > 0 ? Math.round(total / perChip) : null;
  const chipsText = (n: number) => `${num(n, 6)} chip${n === 1 ? "" : "s"}`;
  if (dp <= 1) return chips === null ? "one instance" : `one instance (${chipsText(chips)})`;
  return chips === null
    ? `one attention-DP rank of a DP${dp} instance`
    : `one attention-DP rank (${chipsText(chips)}) of a ${num(chips * dp, 6)}-chip DP${dp} instance`;
}

/**
 * The simulator's `overloaded` advisory: the rank could not keep up with the arrivals and its queue grew through
 * the run, so TTFT and end-to-end latency depend on the run's length, not on the rate (review 19 A2: 13,300,000 ms
 * printed as if a latency).
 */
function isOverloaded(r: ServeSimulateJson): boolean {
  return r.advisories.some((a) => a.code === "overloaded");
}

/** The latencies a growing queue makes unbounded (time per output token is the engine's pace, still meaningful). */
const QUEUE_BOUND: ReadonlySet<string> = new Set(["ttft_ms", "e2e_ms"]);

const LATENCIES: readonly { key: "ttft_ms" | "tpot_ms" | "e2e_ms"; metric: string; title: string }[] = [
  { key: "ttft_ms", metric: "TTFT", title: "time to first token" },
  { key: "tpot_ms", metric: "TPOT", title: "time per output token" },
  { key: "e2e_ms", metric: "end-to-end", title: "arrival to last token" },
];

/**
 * Simulate one replica: the serving discrete-event simulator (POST /api/serve/simulate) for one engine replica
 * under Poisson or bursty arrivals, run on demand (the Run button, not every keystroke): TTFT, TPOT and
 * end-to-end percentiles, throughput, steps and preemptions. Fields the user has not edited follow the serving
 * view's.
 */
export function SimulationPanel(props: SimulationPanelProps) {
  const fields = simulationFields(props);
  const [ownEdits, setOwnEdits] = useState<Record<string, string>>({});
  const edits = props.edits ?? ownEdits;
  const setEdits = props.onEdits ?? setOwnEdits;
  const values = valuesOf(fields, edits);
  const replica = props.replica ?? null;
  // the planned stack only while the chip is the planned one (another chip's family may not run it)
  const body = simulateBody(values, replica && values["chip"] === props.chip ? replica.stack : undefined);
  const [run, setRun] = useState<{ n: number; body: SimulateBody } | null>(null);
  const sim = useAsync(
    run === null ? null : `${run.n}|${JSON.stringify(run.body)}`,
    (signal) => postJson<ServeSimulateJson>("/api/serve/simulate", run!.body, signal),
    0,
  );
  // a value out of its field's range is refused under its input and Run waits for it (review 19 C9); the API's
  // own refusal is placed on the input it names (C1: "workload.rate_per_s must be > 0" for the rate)
  const local = fieldErrors(fields, values);
  const status = fieldStatus(fields, local, sim, "run", { values });
  const r = sim.data;
  const ttftLimitMs = props.ttftLimitMs ?? null;
  const tpotLimitMs = props.tpotLimitMs ?? null;
  const overloaded = r !== null && isOverloaded(r);
  const chart = useMemo(() => {
    if (!r) return null;
    const limits = { ttft_ms: ttftLimitMs, tpot_ms: tpotLimitMs, e2e_ms: null };
    const shown = isOverloaded(r) ? LATENCIES.filter((l) => !QUEUE_BOUND.has(l.key)) : LATENCIES;
    return latencyPercentileChart(
      shown.map((l) => ({
        metric: l.metric,
        p50: r[l.key].p50,
        p90: r[l.key].p90,
        p99: r[l.key].p99,
        limitMs: limits[l.key],
      })),
    );
  }, [r, ttftLimitMs, tpotLimitMs]);
  const changed = run !== null && JSON.stringify(run.body) !== JSON.stringify(body);
  return (
    <section class="simulation" aria-labelledby="simulation-title">
      <h3 id="simulation-title">Simulate one replica</h3>
      <p class="lede">
        One engine replica step by step (discrete-event, seeded): requests arrive, prefill in chunks, decode
        in batches and are preempted when the KV pool runs out. With attention data parallelism (DP &gt; 1)
        the replica is one attention-DP rank of the instance, and the rate is that rank's share. Runs when you
        press Run.{" "}
        {replica
          ? replica.sized
            ? `The inputs start from the colocated replica the plan above sized for the demand (${replica.stack}${replica.ratePerS ? ", at its share of the demand" : ""}).`
            : `The inputs start from the plan's best colocated layout (${replica.stack}); the plan itself may split prefill and decode pools, which this panel does not simulate.`
          : "No colocated layout planned above: the layout and rate start from the panel's own defaults."}
      </p>
      <Inputs
        fields={fields}
        values={values}
        idPrefix="sim-field"
        errors={status.errors}
        onChange={(k, v) => setEdits({ ...edits, [k]: v })}
        onReset={() => setEdits({})}
      />
      <p>
        <button
          type="button"
          disabled={sim.loading || Object.keys(local).length > 0}
          onClick={() => setRun({ n: (run?.n ?? 0) + 1, body })}
        >
          Run simulation
        </button>
      </p>
      <Status
        loading={sim.loading}
        error={status.message}
        what={`Simulating ${num(run?.body.workload.requests ?? null, 7)} requests`}
      />
      {r ? (
        <div class={sim.loading ? "results stale" : "results"}>
          <p class="answer">
            {r.inputs.model} on {r.inputs.chip}, <span data-testid="simulated-unit">{simulatedUnit(r)}</span>{" "}
            (TP
            {r.inputs.tp}
            {(r.inputs.dp_attention ?? 1) > 1 ? ` DP${r.inputs.dp_attention}` : ""}
            {(r.inputs.pp ?? 1) > 1 ? ` PP${r.inputs.pp}` : ""} EP{r.inputs.ep}, {r.inputs.precision},{" "}
            {r.inputs.stack}), {num(r.requests, 7)} {r.inputs.arrival} requests over {num(r.duration_s)} s:{" "}
            <strong>{num(r.output_tokens_per_s)} output tokens/s</strong> (
            {num(r.output_tokens_per_s_per_chip)} per chip), {num(r.requests_per_s)} requests/s,{" "}
            {num(r.steps, 7)} steps, {num(r.preemptions, 7)} preemptions.
            {changed ? <span class="hint"> The inputs have changed since this run.</span> : null}
          </p>
          {overloaded ? (
            <p class="answer poor" data-testid="overloaded">
              <strong>Overloaded: the queue grows.</strong> This rank cannot keep up with{" "}
              {num(r.offered_rate_per_s)} requests/s (the advisory below says what it carries), so its TTFT
              and end-to-end latency grow with the run's length instead of settling: they are not shown. Lower
              the rate or add ranks.
            </p>
          ) : null}
          <table class="latencies">
            <caption>Latency percentiles, ms</caption>
            <thead>
              <tr>
                <th scope="col">latency</th>
                <th scope="col" class="n">
                  mean (ms)
                </th>
                <th scope="col" class="n">
                  P50 (ms)
                </th>
                <th scope="col" class="n">
                  P90 (ms)
                </th>
                <th scope="col" class="n">
                  P99 (ms)
                </th>
              </tr>
            </thead>
            <tbody>
              {LATENCIES.map((l) => (
                <LatencyRow
                  key={l.key}
                  metric={l.metric}
                  title={l.title}
                  stats={r[l.key]}
                  unbounded={overloaded && QUEUE_BOUND.has(l.key)}
                />
              ))}
            </tbody>
          </table>
          <figure>
            <figcaption>
              Latency percentiles (P50, P90, P99), ms; red ticks: the serving view's limits, which bind means
            </figcaption>
            <PlotFigure options={chart} label="simulated latency percentiles" />
          </figure>
          <Advisories items={r.advisories} />
        </div>
      ) : null}
    </section>
  );
}

function LatencyRow({
  metric,
  title,
  stats,
  unbounded,
}: {
  metric: string;
  title: string;
  stats: LatencyStatsJson;
  /** The queue grew through the run: the percentiles measure the run's length, so none is shown. */
  unbounded: boolean;
}) {
  return (
    <tr data-latency={metric}>
      <th scope="row">
        {metric} <span class="hint">({title})</span>
      </th>
      {unbounded ? (
        <td colSpan={4} class="poor">
          overloaded: the queue grows
        </td>
      ) : (
        <>
          <td class="n">{num(stats.mean)}</td>
          <td class="n">{num(stats.p50)}</td>
          <td class="n">{num(stats.p90)}</td>
          <td class="n">{num(stats.p99)}</td>
        </>
      )}
    </tr>
  );
}
