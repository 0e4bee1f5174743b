import type { ChipFamily } from "../chips/index.ts";
import type { Prior, StackEfficiency } from "./stack-schema.ts";

const HW = "research/hardware.md";

const prior = (
  value: number,
  source: string,
  uncertain: boolean,
  range?: readonly [number, number],
): Prior => (range === undefined ? { value, source, uncertain } : { value, source, uncertain, range });

// --- hardware-level priors, by chip family (research/hardware.md §5 tables, §6 proposed derating) ---

/** Hopper: cuBLAS BF16 794.5 / 989 = 0.80 (H100, stas-acc), 0.84 on GH200; FP8 1402.6 / 1979 = 0.71, 0.78 GH200. */
const hopperBf16 = prior(
  0.8,
  `${HW} §5.1/§6: H100 cuBLAS BF16 794.5 of 989 TFLOPS (stas-acc)`,
  false,
  [0.8, 0.84],
);
const hopperFp8 = prior(
  0.71,
  `${HW} §5.1/§6: H100 cuBLAS FP8 1402.6 of 1979 TFLOPS (stas-acc)`,
  false,
  [0.71, 0.78],
);
/** H100 ring all_reduce busbw 365-370 GB/s of 450 GB/s one direction (nccl-1455, nccl-212). */
const hopperIntra = prior(
  0.82,
  `${HW} §5.2: 8x H100 ring all_reduce busbw ~370 of 450 GB/s (nccl-1455)`,
  false,
);
/** ConnectX-7 at NDR 400 Gb/s reaches 48-49 of 50 GB/s (nccl-267). */
const ibNic = prior(0.97, `${HW} §5.2: CX-7 NDR 400G reaches 48-49 of 50 GB/s per NIC (nccl-267)`, false);
/** 910B: BF16 GEMM 328 TFLOPS (limulidae), §6 proposes 0.85 from this one data point (0.84 on 910A, aibench). */
const ascendBf16 = prior(
  0.85,
  `${HW} §6: 910B BF16 GEMM 328 TFLOPS, one community data point (limulidae)`,
  true,
  [0.84, 0.87],
);
/** 910B: 8-card HCCL all_reduce algbw 72 -> busbw 126 of 196 GB/s (limulidae, converted in §5.2). */
const ascendIntra = prior(
  0.64,
  `${HW} §5.2: 8x 910B all_reduce busbw 126 of 196 GB/s (limulidae)`,
  false,
  [0.64, 0.66],
);
const roceNicAssumed = prior(
  0.97,
  `assumption: IB NDR NIC ratio (nccl-267) applied to RoCE; no public cross-node HCCL measurement (${HW} §5.2)`,
  true,
);

/** MI300X hipBLASLt BF16 668.4 of 1307 (ROCm 6.3) .. 781.9 (ROCm 6.2); MI325X 784.9 (stas-acc). */
const cdna3Bf16 = prior(
  0.55,
  `${HW} §5.1/§6: MI300X BF16 668-782 of 1307 TFLOPS by ROCm version (stas-acc)`,
  true,
  [0.51, 0.6],
);
const cdna3Fp16 = prior(0.55, `${HW} §6: MI300X BF16 figure, FP16 at the same peak`, true, [0.51, 0.6]);
/** 8x MI300X all_reduce busbw 312.9 of 448 GB/s (stas-net). */
const cdna3Intra = prior(0.7, `${HW} §5.2: 8x MI300X all_reduce busbw 312.9 of 448 GB/s (stas-net)`, false);
const amdNic = prior(0.97, `assumption: NDR NIC ratio (nccl-267); unknown for AMD builds (${HW} §6)`, true);
/** A CDNA3 figure standing for the MI350 series, which the research has no measurement of. */
const cdna4Placeholder = (what: string) => ({
  source: `placeholder: CDNA3 value, no MI350-series ${what} measurement (${HW} §6)`,
  uncertain: true,
});

const FAMILY_PRIORS: Partial<Record<ChipFamily, Partial<StackEfficiency>>> = {
  "nvidia-ampere": {
    // A100 cuBLAS BF16 271.2 of 312 TFLOPS (stas-acc)
    matmulFraction: {
      bf16: prior(0.87, `${HW} §5.1: A100 cuBLAS BF16 271.2 of 312 TFLOPS (stas-acc)`, false),
      fp16: prior(0.87, `${HW} §5.1: A100 BF16 figure, FP16 runs at the same peak`, true),
    },
    // A800 torch.distributed all_reduce busbw 156 of 200 GB/s (limulidae)
    intraBusBwFraction: prior(
      0.78,
      `${HW} §5.2: 8x A800 all_reduce busbw 156 of 200 GB/s (limulidae)`,
      false,
    ),
    interBusBwFraction: prior(
      0.97,
      `${HW} §6: 'about 0.97' for Ampere (HDR), NDR figure from nccl-267`,
      true,
    ),
  },
  "nvidia-hopper": {
    matmulFraction: { bf16: hopperBf16, fp16: hopperBf16, fp8: hopperFp8 },
    intraBusBwFraction: hopperIntra,
    interBusBwFraction: ibNic,
  },
  "nvidia-blackwell": {
    // §6: "For B200/GB200, no measured efficiencies were found. Use the Hopper values and flag them"
    matmulFraction: {
      bf16: {
        ...hopperBf16,
        source: `placeholder: Hopper value, no B200/GB200 GEMM measurement (${HW} §6)`,
        uncertain: true,
      },
      fp16: {
        ...hopperBf16,
        source: `placeholder: Hopper value, no B200/GB200 GEMM measurement (${HW} §6)`,
        uncertain: true,
      },
      fp8: {
        ...hopperFp8,
        source: `placeholder: Hopper value, no B200/GB200 GEMM measurement (${HW} §6)`,
        uncertain: true,
      },
    },
    intraBusBwFraction: {
      ...hopperIntra,
      source: `placeholder: Hopper NVLink ratio (${HW} §6)`,
      uncertain: true,
    },
    interBusBwFraction: ibNic,
  },
  "nvidia-ada": {
    // L40S cuBLAS 252 of 362 (mag-bench v1) vs L20 HGEMM 105-115 of 119.5 (cuda-learn-l20): the two disagree
    matmulFraction: {
      bf16: prior(
        0.7,
        `${HW} §5.1: L40S 252 of 362 TFLOPS (mag-bench); L20 reaches 0.88-0.96`,
        true,
        [0.7, 0.96],
      ),
      fp16: prior(
        0.7,
        `${HW} §5.1: L40S 252 of 362 TFLOPS (mag-bench); L20 reaches 0.88-0.96`,
        true,
        [0.7, 0.96],
      ),
    },
    intraBusBwFraction: prior(0.8, "assumption: PCIe peer-to-peer ratio, not measured in the research", true),
    interBusBwFraction: prior(0.97, "assumption: NDR NIC ratio (nccl-267)", true),
  },
  "ascend-910a": {
    // Ascend 910 AIbench: 216 of 256 TFLOPS FP16; no BF16 on 910A (candle#110)
    matmulFraction: {
      fp16: prior(0.84, `${HW} §5.1: Ascend 910 216 of 256 TFLOPS FP16 (aibench-910)`, false),
    },
    intraBusBwFraction: {
      ...ascendIntra,
      source: `placeholder: 910B HCCL ratio (${HW} §5.2)`,
      uncertain: true,
    },
    interBusBwFraction: roceNicAssumed,
  },
  "ascend-910b": {
    matmulFraction: {
      bf16: ascendBf16,
      fp16: { ...ascendBf16, source: `${HW} §6: 910B GEMM figure, FP16 at the same peak` },
      // 87 'FP32' (Cube HF32) of 99 TFLOPS, same node (limulidae)
      tf32: prior(0.88, `${HW} §5.1: 910B 'FP32' matmul 87 of 99 TFLOPS (limulidae)`, true),
    },
    intraBusBwFraction: ascendIntra,
    interBusBwFraction: roceNicAssumed,
  },
  "ascend-910c": {
    // §6: "unknown (use 910B value, flag)"
    matmulFraction: {
      bf16: { ...ascendBf16, source: `placeholder: 910B value, no 910C GEMM measurement (${HW} §6)` },
      fp16: { ...ascendBf16, source: `placeholder: 910B value, no 910C GEMM measurement (${HW} §6)` },
    },
    intraBusBwFraction: {
      ...ascendIntra,
      source: `placeholder: 910B HCCL ratio; UB ring busbw unknown, EP all-to-all reaches 0.15-0.37 of 392 GB/s (${HW} §5.3)`,
      uncertain: true,
    },
    interBusBwFraction: roceNicAssumed,
  },
  "ascend-950": {
    matmulFraction: {
      bf16: { ...ascendBf16, source: `placeholder: 910B value, no 950 measurement (${HW} §5.1)` },
    },
    intraBusBwFraction: {
      ...ascendIntra,
      source: `placeholder: 910B HCCL ratio (${HW} §5.2)`,
      uncertain: true,
    },
    interBusBwFraction: roceNicAssumed,
  },
  "amd-cdna3": {
    matmulFraction: { bf16: cdna3Bf16, fp16: cdna3Fp16 },
    intraBusBwFraction: cdna3Intra,
    interBusBwFraction: amdNic,
  },
  // MI350X/MI355X (CDNA4): no GEMM or collective measurement in the research; CDNA3's figures, flagged (as Blackwell
  // borrows Hopper's, hardware.md §6), the GEMM range widened for a new die
  "amd-cdna4": {
    matmulFraction: {
      bf16: { ...cdna3Bf16, ...cdna4Placeholder("GEMM"), range: [0.4, 0.7] },
      fp16: { ...cdna3Fp16, ...cdna4Placeholder("GEMM"), range: [0.4, 0.7] },
    },
    intraBusBwFraction: { ...cdna3Intra, ...cdna4Placeholder("all_reduce") },
    interBusBwFraction: amdNic,
  },
};

/**
 * The hardware-level priors of a chip family (GEMM, collective and NIC fractions); empty for families the
 * research has nothing on. A stack's `byFamily` starts from these.
 */
export function familyPriors(family: ChipFamily): Partial<StackEfficiency> {
  const priors = FAMILY_PRIORS[family];
  if (priors === undefined) return {};
  const bf16 = priors.matmulFraction?.bf16 ?? priors.matmulFraction?.fp16;
  // prefill GEMMs are large: start them at the large-GEMM fraction (assumption, flagged)
  return bf16 === undefined
    ? { ...priors }
    : {
        ...priors,
        prefillMatmulFraction: {
          ...bf16,
          source: `assumption: prefill reaches the large-GEMM fraction (${bf16.source})`,
          uncertain: true,
        },
      };
}

/**
 * Stack-independent assumptions every stack starts from before its own and its family's values.
 * None of these is measured in the research; all are flagged.
 */
export const BASE_EFFICIENCY: StackEfficiency = {
  matmulFraction: {},
  // FlashAttention-2 reaches 50-73% of A100 peak forward (arXiv:2307.08691 abstract); FlashAttention-3 up to
  // 75% on H100 FP16 (arXiv:2407.08608 abstract); forward+backward in training is lower
  attentionFraction: prior(
    0.5,
    "assumption: below FlashAttention-2's 50-73% forward (arXiv:2307.08691) and FA3's 75% (arXiv:2407.08608)",
    true,
    [0.35, 0.75],
  ),
  intraBusBwFraction: prior(0.7, "assumption: no measurement for this family", true),
  interBusBwFraction: prior(0.9, "assumption: no measurement for this family", true),
  overlapFraction: prior(0.7, "assumption: not measured in the research", true, [0, 1]),
  stepOverheadS: prior(0.05, "assumption: optimizer step and host work outside the compute/comm model", true),
  decodeHbmFraction: prior(
    0.7,
    "assumption: not measured in the research; to be fitted on serve cases",
    true,
    [0.4, 0.9],
  ),
  prefillMatmulFraction: prior(0.7, "assumption: no GEMM measurement for this family", true),
  stepOverheadMs: prior(
    3,
    "assumption: per engine step scheduling and launch time; to be fitted",
    true,
    [0.5, 10],
  ),
};
