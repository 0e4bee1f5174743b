/**
 * One published site's unexpected-interruption (or failure) rate per accelerator-year, as
 * shared/research/reliability.md §1.1 and the held-out reliability records give it. Definitions differ (a job's
 * interruptions, a cluster's node failures, GPU failures alone): the spread they show is the point.
 */
export interface SiteRate {
  readonly site: string;
  readonly perChipYear: number;
  readonly source: string;
}

const YEAR_DAYS = 365;

// Each rate: events / (accelerators x days / 365).
export const PUBLISHED_SITE_RATES: readonly SiteRate[] = [
  {
    site: "Meta Llama 3 pre-training, 16,384 H100",
    perChipYear: 419 / ((16_384 * 54) / YEAR_DAYS),
    source:
      "Llama 3, arXiv 2407.21783 §3.3.4: 419 unexpected interruptions in 54 days (reliability.md §1.1 row 10)",
  },
  {
    site: "ByteDance dense 70B+ job, 9,600 Hopper",
    perChipYear: 155 / ((9_600 * 90) / YEAR_DAYS),
    source: "ByteRobust, SOSP 2025, arXiv 2509.16293, Table 4 'Dense': 155 unexpected in ~90 days",
  },
  {
    site: "Meta RSC-1 research cluster, A100",
    perChipYear: (6.5e-3 * YEAR_DAYS) / 8,
    source:
      "Kokolis et al., HPCA 2025 §IV: r_f 6.50 per 1,000 node-days, 8 GPUs a node (reliability.md row 11)",
  },
  {
    site: "Meta RSC-2 research cluster, A100",
    perChipYear: (2.34e-3 * YEAR_DAYS) / 8,
    source:
      "Kokolis et al., HPCA 2025 §IV: r_f 2.34 per 1,000 node-days, 8 GPUs a node (reliability.md row 11)",
  },
  {
    site: "BigScience BLOOM-176B, 384 A100 (Jean Zay)",
    perChipYear: 0.2,
    source:
      "BLOOM training chronicles: '1-2 GPU failures a week' on 384 GPUs, 1.5 x 52 / 384 (reliability.md row 31)",
  },
  {
    site: "Meta OPT-175B, 992 A100 (cloud)",
    perChipYear: 105 / ((992 * 56) / YEAR_DAYS),
    source:
      "OPT, arXiv 2205.01068 §2.5: 35 manual + 70+ automatic restarts in the 56-day 12.xx lineage (a lower bound)",
  },
  {
    site: "Tsinghua/Zhipu GLM-130B, 768 A100",
    perChipYear: 11 / ((768 * 54) / YEAR_DAYS),
    source:
      "GLM-130B training log: 11 restarts after infrastructure faults in 54 days (data/holdout/reliability.json)",
  },
  {
    site: "MosaicML MPT-7B, 440 A100",
    perChipYear: 4 / ((440 * 9.5) / YEAR_DAYS),
    source:
      "MosaicML MPT-7B post: 4 hardware failures in 9.5 days, all auto-resumed (data/holdout/reliability.json)",
  },
];

/**
 * The standard deviation of the natural logarithm of the published sites' rates (sample, n - 1): how far a fleet
 * whose own rate is unmeasured may sit from any one site's, ~0.77, a factor of ~2.2 per standard deviation. Used as
 * the log-normal spread of a job's failure rate across replicas when a run asks for the site spread (the
 * `rateLogSigma` input): its deadline odds then carry not knowing which site the fleet is like.
 */
export function publishedSiteRateLogSigma(rates: readonly SiteRate[] = PUBLISHED_SITE_RATES): number {
  const logs = rates.map((r) => Math.log(r.perChipYear));
  const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
  const variance = logs.reduce((a, x) => a + (x - mean) ** 2, 0) / (logs.length - 1);
  return Math.sqrt(variance);
}
