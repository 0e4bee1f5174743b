import { describe, expect, it } from "vitest";
import type { ServeCase } from "../cases/index.ts";
import { gpustackBurstCase, llama8bOnH100 } from "./_burst-fixtures.ts";
import { clientConcurrency } from "./client-concurrency.ts";
import { closedBurst } from "./closed-burst.ts";
import { openLoop, statedRequestRate } from "./open-loop.ts";
import { predictServeCase } from "./predict-serve-case.ts";
import { builtinServeProfile } from "./serve-profile.ts";

const gpustack = gpustackBurstCase;
const best = llama8bOnH100();

describe("statedRequestRate()", () => {
  it("statedRequestRate() reads a rate named as the run's input, never a measured throughput or an unlimited one", () => {
    const at = (...notes: string[]) => statedRequestRate({ ...gpustack, notes });
    expect(at("vllm bench serve --request-rate 4 --num-prompts 500")).toBe(4);
    expect(at("request rate of 2.5 req/s, ShareGPT")).toBe(2.5);
    expect(at("request_rate: 12")).toBe(12);
    expect(at("Poisson arrivals at 0.5 req/s")).toBe(0.5);
    // unlimited (a closed burst), off (0 = no limit), measured throughput, denied
    expect(at("vllm bench serve --request-rate inf")).toBeNull();
    expect(at("request_rate 0 (no rate limit)")).toBeNull();
    expect(at("Request throughput: 8.46 req/s")).toBeNull();
    expect(at("not at a request rate: 32 clients")).toBeNull();
    // outcomes and sweeps are not this run's offered rate (review 23)
    expect(at("Measured request rate: 12.3 req/s at the SLO")).toBeNull();
    expect(at("max sustainable request rate of 8 req/s under a 2 s TTFT SLO")).toBeNull();
    expect(at("request rate 1, 2, 4, 8 swept")).toBeNull();
    expect(at("vllm bench serve --request-rate 4 --num-prompts 400")).toBe(4);
    // a full stop ends the number (stop 31: "--request-rate 24." was read as no rate)
    expect(at("--max-concurrency 160 --request-rate 24. Results table: concurrency 144")).toBe(24);
    expect(at("--request-rate 2.5")).toBe(2.5);
    // a bare "rate N" is the offered rate only where the run is said to be an open loop, and never an outcome
    expect(at("Row: Chat 512/256, rate 5 (unmarked)")).toBeNull();
    expect(
      at("Open-loop benchmark at a fixed target request rate", "Row: Chat 512/256, rate 5 (unmarked)"),
    ).toBe(5);
    expect(at("open loop", "saturation rate 5.9 RPS")).toBeNull();
    expect(at("open loop", "token rate 5000 tok/s")).toBeNull();
    expect(at("open loop", "rate 8 tokens per step")).toBeNull();
    // an explicit request rate wins over a bare one in an earlier note
    expect(at("open loop, rate 3", "--request-rate 7")).toBe(7);
    // a decode-only or prefill-only case has no arrivals to read
    expect(
      statedRequestRate({
        ...gpustack,
        notes: ["--request-rate 4"],
        serve: { ...gpustack.serve, phase: "decode" },
      }),
    ).toBeNull();
  });
});

describe("openLoop()", () => {
  it("openLoop() below capacity carries the offered rate, above it the engine's pace", () => {
    const capacity = closedBurst(best, 1, 4000, 1000, 200);
    const slow = openLoop(best, 1, 400, 0.1 * capacity.requestsPerS, 1000, 200);
    // 400 Poisson arrivals span 400 / rate seconds within 3 standard deviations (3 / sqrt(400) = 15 %), then the last
    // answer: the offered rate within that
    expect(slow.requestsPerS / (0.1 * capacity.requestsPerS)).toBeGreaterThan(0.85);
    expect(slow.requestsPerS / (0.1 * capacity.requestsPerS)).toBeLessThan(1.15);
    expect(slow.outputTokensPerSPerChip).toBeCloseTo(slow.requestsPerS * 200, 6);
    // offered ten times what the engine carries: it runs at its pace, no faster than a burst of the same prompts
    const flooded = openLoop(best, 1, 4000, 10 * capacity.requestsPerS, 1000, 200);
    expect(flooded.requestsPerS).toBeLessThanOrEqual(capacity.requestsPerS * 1.05);
    expect(flooded.requestsPerS).toBeGreaterThan(0.5 * capacity.requestsPerS);
    // an unloaded engine answers at once; a flooded one queues
    expect(flooded.ttftMs).toBeGreaterThan(10 * slow.ttftMs);
    expect(openLoop(best, 1, 400, 0.1 * capacity.requestsPerS, 1000, 200)).toEqual(slow);
  });

  it("openLoop() spreads arrivals over the replicas: twice the chips at twice the rate, the same per-chip figures", () => {
    const one = openLoop(best, 1, 500, 2, 1000, 200);
    const two = openLoop(best, 2, 1000, 4, 1000, 200);
    expect(two.requestsPerReplica).toBe(one.requestsPerReplica);
    expect(two.outputTokensPerSPerChip).toBeCloseTo(one.outputTokensPerSPerChip, 9);
  });
});

describe("predictServeCase() with a stated request rate", () => {
  const profile = builtinServeProfile();
  const steady = predictServeCase(
    { ...gpustack, notes: [], serve: { ...gpustack.serve, concurrency: null } },
    profile,
  );
  const steadyRate = steady.metrics[0]!.predicted!;

  it("predictServeCase() predicts an open loop at a low rate far below the engine's capacity, and says so", () => {
    const slow = predictServeCase(
      {
        ...gpustack,
        notes: ["vllm bench serve --request-rate 1 --num-prompts 200"],
        serve: { ...gpustack.serve, concurrency: null },
      },
      profile,
    );
    expect(
      slow.assumptions.some((a) => a.startsWith("open loop of 200 prompts arriving at 1 per second")),
    ).toBe(true);
    expect(slow.metrics[0]!.predicted!).toBeLessThan(0.5 * steadyRate);
  });

  it("predictServeCase() runs a capped open loop as its clients' closed loop when the cap binds", () => {
    const capped = predictServeCase(
      {
        ...gpustack,
        notes: ["vllm bench serve --request-rate 1000 --max-concurrency 8 --num-prompts 200"],
        serve: { ...gpustack.serve, concurrency: 8 },
      },
      profile,
    );
    expect(capped.assumptions.some((a) => /capped at 8 in flight, which binds/.test(a))).toBe(true);
    const loop = predictServeCase(
      {
        ...gpustack,
        notes: ["--max-concurrency 8 --num-prompts 200"],
        serve: { ...gpustack.serve, concurrency: 8 },
      },
      profile,
    );
    expect(capped.metrics[0]!.predicted).toBeCloseTo(loop.metrics[0]!.predicted!, 9);
  });

  it("predictServeCase() keeps a capped open loop's latencies at most its clients' closed loop's when the cap does not bind", () => {
    // review 23: the open loop timed the queue that --max-concurrency holds back at the client (a TTFT 11x too long)
    const withTtft = (notes: string[]): ServeCase => ({
      ...gpustack,
      notes,
      serve: { ...gpustack.serve, concurrency: 8 },
      observed: { output_tokens_per_s_per_chip: 1000, ttft_ms: 100 },
    });
    const metric = (c: ServeCase, m: string) =>
      predictServeCase(c, profile).metrics.find((x) => x.metric === m)!;
    const loop = withTtft(["--max-concurrency 8 --num-prompts 200"]);
    const loopRate = metric(loop, "output_tokens_per_s_per_chip").predicted! / gpustack.serve.output_tokens!;
    // offered at 95 % of what the 8 clients carry: the open loop queues in the engine, the capped run would not
    const near = withTtft([
      `--max-concurrency 8 --num-prompts 200 --request-rate ${(0.95 * loopRate).toFixed(3)}`,
    ]);
    expect(metric(near, "ttft_ms").predicted!).toBeLessThanOrEqual(
      metric(loop, "ttft_ms").predicted! * (1 + 1e-9),
    );
    expect(metric(near, "output_tokens_per_s_per_chip").predicted!).toBeLessThan(
      metric(loop, "output_tokens_per_s_per_chip").predicted!,
    );
  });
});

describe("clientConcurrency()", () => {
  const littles = "concurrency 26 is the mean number in the system by Little's law (rate x mean E2E latency)";
  it("clientConcurrency() drops a concurrency derived by Little's law from a stated rate, and keeps a cap", () => {
    const at = (concurrency: number | null, ...notes: string[]) =>
      clientConcurrency({ ...gpustack, notes, serve: { ...gpustack.serve, concurrency } });
    expect(at(26, "open-loop benchmark", "Row: rate 2 (unmarked)", littles)).toBeNull();
    expect(at(26, "--request-rate 2", littles)).toBeNull();
    // a cap the run set, or no rate to derive it from: the clients in flight
    expect(at(8, "--request-rate 2 --max-concurrency 8")).toBe(8);
    expect(at(26, littles)).toBe(26);
    expect(at(null, "--request-rate 2")).toBeNull();
  });

  it("predictServeCase() runs a Little's-law concurrency as an open loop on the engine's own batch limit", () => {
    // stop 31: read as a cap and a batch, an open loop at a rate the engine carries queued every prompt
    const profile = builtinServeProfile();
    const c: ServeCase = {
      ...gpustack,
      notes: ["--request-rate 2 --num-prompts 200", littles],
      serve: { ...gpustack.serve, concurrency: 26 },
      observed: { ttft_ms: 100 },
    };
    const p = predictServeCase(c, profile);
    expect(
      p.assumptions.some((a) =>
        a.startsWith("open loop of 200 prompts arriving at 2 per second (Poisson) (its concurrency 26"),
      ),
    ).toBe(true);
    expect(p.config!.batch).toBeGreaterThan(26);
    expect(p.assumptions.some((a) => /concurrency 26 read as the mean in flight/.test(a))).toBe(true);
    const asCap = predictServeCase({ ...c, notes: ["--request-rate 2 --num-prompts 200"] }, profile);
    expect(asCap.config!.batch).toBeLessThanOrEqual(26);
  });
});
