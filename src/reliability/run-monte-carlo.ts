import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import type { JumpableRandomGenerator } from "pure-rand/types/JumpableRandomGenerator";
import { binomialDraw } from "./binomial-draw.ts";
import type { ReliabilityPlan } from "./resolve-reliability-plan.ts";

/** What the job is doing during a stretch of wall-clock time. */
export type TimelineState =
  | "running"
  | "detecting"
  | "waiting_for_spare"
  | "restarting"
  | "planned_maintenance";

export interface TimelineSegment {
  readonly startH: number;
  readonly endH: number;
  readonly state: TimelineState;
}

/** Where wall-clock time that is not useful training goes; the categories and useful time sum to the wall time. */
export const LOST_CATEGORIES = [
  "checkpoint",
  "lostWork",
  "detection",
  "spareWait",
  "restart",
  "planned",
  "failSlow",
] as const;
export type LostCategory = (typeof LOST_CATEGORIES)[number];

/** Per-replica outcomes, one entry per replica (per-cause and per-category arrays are replica-major). */
export interface MonteCarloSamples {
  readonly replicas: number;
  readonly wallH: Float64Array;
  readonly usefulH: Float64Array;
  readonly goodput: Float64Array;
  readonly unexpected: Float64Array;
  readonly planned: Float64Array;
  readonly finished: Uint8Array;
  /** replicas × causes. */
  readonly byCause: Float64Array;
  /** replicas × LOST_CATEGORIES. */
  readonly lostH: Float64Array;
  readonly timeline: TimelineSegment[];
  readonly timelineTruncated: boolean;
}

export interface MonteCarloOptions {
  readonly seed: number;
  readonly replicas: number;
  readonly timelineMaxSegments: number;
  readonly onProgress?: ((doneFraction: number) => void) | undefined;
}

const CAT_CKPT = 0;
const CAT_LOST = 1;
const CAT_DETECT = 2;
const CAT_WAIT = 3;
const CAT_RESTART = 4;
const CAT_PLANNED = 5;
const CAT_SLOW = 6;
const N_CAT = LOST_CATEGORIES.length;

/**
 * Discrete-event Monte Carlo of one training job, `replicas` times. Failures are the superposed Poisson
 * process of all causes (total rate, then the cause by its share), drawn in wall-clock time from one
 * stream per replica (xoroshiro128+ jumped 2^64 steps per stream) so that runs differing only in
 * checkpoint or recovery settings share their failure times (common random numbers). Checkpoints are not
 * events: progress between failures is computed in closed form, so the cost is per failure, not per
 * checkpoint. No allocation happens per event.
 *
 * Semantics: failures strike while running, checkpointing and restarting (not during detection, a wait
 * for repair, or planned maintenance); an asynchronous checkpoint protects work only once persisted; a
 * silent corruption is found `sdcDetectH` later and rolls back to the last checkpoint before it; planned
 * maintenance checkpoints first and costs the checkpoint plus a restart; node-replacing failures take a
 * spare (swap time) or wait for the earliest repair; lemon nodes leave the job when swapped for a spare.
 */
export function runMonteCarlo(plan: ReliabilityPlan, options: MonteCarloOptions): MonteCarloSamples {
  const R = options.replicas;
  const nC = plan.causes.length;
  const causeRate = new Float64Array(nC);
  const causeHw = new Uint8Array(nC);
  const causeSilent = new Uint8Array(nC);
  let hwRate = 0;
  let otherRate = 0;
  for (let i = 0; i < nC; i++) {
    const c = plan.causes[i]!;
    causeRate[i] = c.jobRatePerH;
    causeHw[i] = c.replacesNode ? 1 : 0;
    causeSilent[i] = c.silent ? 1 : 0;
    if (c.replacesNode) hwRate += c.jobRatePerH;
    else otherRate += c.jobRatePerH;
  }
  const N = plan.nodes;
  const f = plan.lemonFraction;
  const m = plan.lemonMultiplier;
  const lemonOn = f > 0 && m > 1;
  const meanScale = 1 + f * (m - 1);

  const tau = plan.intervalH;
  const db = plan.blockingH;
  const dp = plan.persistH;
  const Lc = tau + db;
  const W0 = plan.workH;
  const workSigma = plan.workLogSigma;
  const rho = plan.failSlowFraction;
  const horizon = plan.horizonH;
  const plannedP = plan.plannedIntervalH ?? Number.POSITIVE_INFINITY;
  const plannedCkptH = db + dp;
  const S = plan.spareNodes;
  const repairH = plan.repairH;

  const wallH = new Float64Array(R);
  const usefulOut = new Float64Array(R);
  const goodput = new Float64Array(R);
  const unexpectedOut = new Float64Array(R);
  const plannedOut = new Float64Array(R);
  const finishedOut = new Uint8Array(R);
  const byCause = new Float64Array(R * nC);
  const lostH = new Float64Array(R * N_CAT);
  const timeline: TimelineSegment[] = [];
  let timelineTruncated = false;

  const queue = new Float64Array(S + 2);
  const cat = new Float64Array(N_CAT);

  const base = xoroshiro128plus(options.seed);
  // The failure-free work's draws come from a generator of their own, so that a run with the spread keeps the
  // failure streams of the same run without it (the constant only separates the two seeds).
  const workBase = workSigma > 0 ? xoroshiro128plus((options.seed ^ 0x5bd1e995) >>> 0) : null;
  // The rate's own spread (a fleet whose rate is one site's of many): one log-normal factor of median 1 per replica,
  // from a third generator, so that the failure streams stay those of the run without it (scaled in time).
  const rateSigma = plan.rateLogSigma;
  const rateBase = rateSigma > 0 ? xoroshiro128plus((options.seed ^ 0x27d4eb2f) >>> 0) : null;
  const progressStep = Math.max(1, Math.floor(R / 100));

  for (let rep = 0; rep < R; rep++) {
    const failRng: JumpableRandomGenerator = base.clone();
    base.jump();
    const miscRng: JumpableRandomGenerator = base.clone();
    base.jump();
    // The failure-free work of this replica: log-normal around the prediction when it is uncertain.
    let W = W0;
    if (workBase !== null) {
      const workRng: JumpableRandomGenerator = workBase.clone();
      workBase.jump();
      W = W0 * Math.exp(workSigma * standardNormal(workRng));
    }
    // This replica's rate factor: every gap of its failure stream divided by it (the causes' shares unchanged).
    let rateFactor = 1;
    if (rateBase !== null) {
      const rateRng: JumpableRandomGenerator = rateBase.clone();
      rateBase.jump();
      rateFactor = Math.exp(rateSigma * standardNormal(rateRng));
    }
    const record = rep === 0 && options.timelineMaxSegments > 0;
    const seg = (startH: number, endH: number, state: TimelineState) => {
      if (!record || endH <= startH) return;
      const last = timeline[timeline.length - 1];
      if (last && last.state === state && last.endH === startH) {
        timeline[timeline.length - 1] = { startH: last.startH, endH, state };
        return;
      }
      if (timeline.length >= options.timelineMaxSegments) {
        timelineTruncated = true;
        return;
      }
      timeline.push({ startH, endH, state });
    };

    // Lemon nodes in this job: Binomial(N, f) by inversion from one uniform.
    let L = lemonOn ? binomialDraw(N, f, uniformFloat64(miscRng)) : 0;
    const hwScaleOf = (lemons: number) => (lemonOn ? (N + lemons * (m - 1)) / (N * meanScale) : 1);
    let hwScale = hwScaleOf(L);
    const rateMax = otherRate + hwRate * hwScale;
    let rateNow = rateMax;

    // The failure stream: every arrival draws the same uniforms (gap, thinning when lemons are on, cause),
    // whatever happens to it, so runs that differ in recovery settings keep the same failure times.
    let tA = 0;
    let aU = 0;
    let cU = 0;
    const draw = () => {
      tA +=
        rateMax > 0
          ? -Math.log(1 - uniformFloat64(failRng)) / (rateMax * rateFactor)
          : Number.POSITIVE_INFINITY;
      if (lemonOn) aU = uniformFloat64(failRng);
      cU = uniformFloat64(failRng);
    };
    draw();
    /** Index of the arriving cause, or −1 when thinned away (a lemon that has left). */
    const causeOfArrival = (): number => {
      if (aU * rateMax >= rateNow) return -1;
      let x = cU * rateNow;
      for (let i = 0; i < nC; i++) {
        const r = causeRate[i]! * (causeHw[i] === 1 ? hwScale : 1);
        if (x < r) return i;
        x -= r;
      }
      return nC - 1;
    };
    /** Whether a hardware failure of cause `ci` hit a lemon node (draws only when lemons are modelled). */
    const isLemonHit = (ci: number): boolean =>
      lemonOn && causeHw[ci] === 1 && uniformFloat64(miscRng) * (N + L * (m - 1)) < L * m;

    let t = 0;
    let c = 0;
    let totalComp = 0;
    let nextPlanned = plannedP;
    let sdcAt = Number.POSITIVE_INFINITY;
    let sdcWork = Number.POSITIVE_INFINITY;
    let sdcCause = 0;
    let sdcLemon = false;
    // Where a pending corruption rolls back to: the newest checkpoint at or before it, on the grid of the phase
    // it arrived in (phase start + sdcM intervals), and that phase's number. Checkpoints persist in order, so once
    // a later phase exists (the pending corruption survived a failure, so a checkpoint past it was durable)
    // every one of them is durable; in the same phase, only the first j are.
    let sdcPhaseStart = 0;
    let sdcM = 0;
    let sdcPhase = -1;
    let phase = -1;
    let unexpected = 0;
    let planned = 0;
    let avail = S;
    let qHead = 0;
    let qSize = 0;
    const qCap = queue.length;
    cat.fill(0);
    const causeBase = rep * nC;
    let finished = false;

    // Recovery state passed from the running phase.
    let failCause = -1;
    let failLemon = false;
    let planned_ = false;

    while (true) {
      // ---------- running phase from (t, c) ----------
      const t0 = t;
      const c0 = c;
      phase++;
      const remaining = W - c0;
      const nCk = remaining > tau ? Math.ceil(remaining / tau) - 1 : 0;
      const tFinish = t0 + nCk * Lc + (remaining - nCk * tau);
      let ended = false;
      while (!ended) {
        let te = tFinish;
        let ev = 0; // 0 finish, 1 horizon, 2 sdc detected, 3 planned, 4 arrival
        if (horizon < te) {
          te = horizon;
          ev = 1;
        }
        if (sdcAt < te) {
          te = sdcAt;
          ev = 2;
        }
        if (nextPlanned < te) {
          te = nextPlanned;
          ev = 3;
        }
        if (tA < te) {
          te = tA;
          ev = 4;
        }
        if (te < t0) te = t0;
        // Progress of this phase at te.
        const e = te - t0;
        let k = Math.floor(e / Lc);
        if (k > nCk) k = nCk;
        const r = e - k * Lc;
        let comp: number;
        let blk: number;
        if (k < nCk) {
          comp = k * tau + Math.min(r, tau);
          blk = k * db + (r > tau ? r - tau : 0);
        } else {
          comp = k * tau + r;
          blk = k * db;
        }
        let j = Math.floor((e - dp) / Lc);
        if (j > k) j = k;
        if (j < 0) j = 0;

        if (ev === 4) {
          const ci = causeOfArrival();
          if (ci < 0) {
            draw();
            continue;
          }
          const lemonHit = isLemonHit(ci);
          if (causeSilent[ci] === 1) {
            if (sdcAt === Number.POSITIVE_INFINITY) {
              sdcAt = te + plan.sdcDetectH;
              sdcWork = c0 + comp;
              sdcCause = ci;
              sdcLemon = lemonHit;
              sdcPhaseStart = c0;
              sdcM = Math.min(nCk, Math.floor(comp / tau));
              sdcPhase = phase;
            }
            draw();
            continue;
          }
          draw();
          failCause = ci;
          failLemon = lemonHit;
          planned_ = false;
          c = c0 + j * tau;
          if (c <= sdcWork) {
            sdcAt = Number.POSITIVE_INFINITY;
            sdcWork = Number.POSITIVE_INFINITY;
          }
        } else if (ev === 2) {
          // Roll back to the newest durable checkpoint at or before the corruption (later ones hold its state).
          const target = sdcPhaseStart + (sdcPhase === phase ? Math.min(j, sdcM) : sdcM) * tau;
          failCause = sdcCause;
          failLemon = sdcLemon;
          planned_ = false;
          c = target;
          sdcAt = Number.POSITIVE_INFINITY;
          sdcWork = Number.POSITIVE_INFINITY;
        } else if (ev === 3) {
          planned_ = true;
          failCause = -1;
          c = c0 + comp;
        } else {
          c = ev === 0 ? W : c0 + comp;
          finished = ev === 0;
        }
        cat[CAT_CKPT]! += blk;
        totalComp += comp;
        if (record) seg(t0, te, "running");
        t = te;
        ended = true;
        if (ev <= 1) break;
      }
      if (finished || t >= horizon) break;

      // ---------- recovery ----------
      let recovering = true;
      while (recovering) {
        if (planned_) {
          planned++;
          const tc = t + plannedCkptH;
          cat[CAT_PLANNED]! += plannedCkptH;
          if (record) seg(t, tc, "planned_maintenance");
          t = tc;
        } else {
          unexpected++;
          byCause[causeBase + failCause]! += 1;
          const td = t + plan.detectH;
          cat[CAT_DETECT]! += plan.detectH;
          if (record) seg(t, td, "detecting");
          t = td;
          if (causeHw[failCause] === 1) {
            while (qSize > 0 && queue[qHead]! <= t) {
              qHead = (qHead + 1) % qCap;
              qSize--;
              avail++;
            }
            // The failed node goes to repair.
            const wasEmpty = qSize === 0;
            queue[(qHead + qSize) % qCap] = t + repairH;
            qSize++;
            if (avail > 0) {
              avail--;
              cat[CAT_RESTART]! += plan.swapH;
              if (record) seg(t, t + plan.swapH, "restarting");
              t += plan.swapH;
              if (failLemon) L--;
            } else {
              const back = queue[qHead]!;
              qHead = (qHead + 1) % qCap;
              qSize--;
              if (back > t) {
                cat[CAT_WAIT]! += back - t;
                if (record) seg(t, back, "waiting_for_spare");
                t = back;
              }
              if (failLemon && !(wasEmpty && qSize === 0)) L--;
            }
            if (lemonOn) {
              if (L < 0) L = 0;
              hwScale = hwScaleOf(L);
              rateNow = otherRate + hwRate * hwScale;
            }
          }
        }
        // Nothing fails while the job is down; planned maintenance falls into the outage.
        while (tA < t) draw();
        while (nextPlanned <= t) nextPlanned += plannedP;
        // Restart: communicator init, checkpoint load, warm-up. Failures can strike here.
        const tEnd = t + plan.restartCoreH;
        let interrupted = false;
        while (tA < tEnd) {
          const ci = causeOfArrival();
          if (ci < 0) {
            draw();
            continue;
          }
          const lemonHit = isLemonHit(ci);
          if (causeSilent[ci] === 1) {
            if (sdcAt === Number.POSITIVE_INFINITY) {
              sdcAt = tA + plan.sdcDetectH;
              sdcWork = c;
              sdcCause = ci;
              sdcLemon = lemonHit;
              // corrupted while down: the clean state is the checkpoint the job restarts from
              sdcPhaseStart = c;
              sdcM = 0;
              sdcPhase = -2;
            }
            draw();
            continue;
          }
          cat[planned_ ? CAT_PLANNED : CAT_RESTART]! += tA - t;
          if (record) seg(t, tA, planned_ ? "planned_maintenance" : "restarting");
          t = tA;
          draw();
          failCause = ci;
          failLemon = lemonHit;
          planned_ = false;
          interrupted = true;
          break;
        }
        if (interrupted) {
          if (t >= horizon) break;
          continue;
        }
        cat[planned_ ? CAT_PLANNED : CAT_RESTART]! += plan.restartCoreH;
        if (record) seg(t, tEnd, planned_ ? "planned_maintenance" : "restarting");
        t = tEnd;
        recovering = false;
      }
      if (t >= horizon) break;
    }

    const kept = c;
    cat[CAT_LOST]! += totalComp - kept;
    cat[CAT_SLOW]! += kept * rho;
    const useful = kept * (1 - rho);
    wallH[rep] = t;
    usefulOut[rep] = useful;
    goodput[rep] = t > 0 ? useful / t : 1;
    unexpectedOut[rep] = unexpected;
    plannedOut[rep] = planned;
    finishedOut[rep] = finished ? 1 : 0;
    for (let q = 0; q < N_CAT; q++) lostH[rep * N_CAT + q] = cat[q]!;
    if (options.onProgress && (rep + 1) % progressStep === 0) options.onProgress((rep + 1) / R);
  }
  if (options.onProgress && R % progressStep !== 0) options.onProgress(1);

  return {
    replicas: R,
    wallH,
    usefulH: usefulOut,
    goodput,
    unexpected: unexpectedOut,
    planned: plannedOut,
    finished: finishedOut,
    byCause,
    lostH,
    timeline,
    timelineTruncated,
  };
}

/** One standard normal draw (Box–Muller, Box & Muller 1958) from two uniforms of `rng`. */
function standardNormal(rng: JumpableRandomGenerator): number {
  const u1 = 1 - uniformFloat64(rng); // (0, 1]: the logarithm stays finite
  const u2 = uniformFloat64(rng);
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
