/**
 * A JSON-ready copy of `value` with object keys turned from camelCase into snake_case at every depth
 * (`tokensPerSPerChip` → `tokens_per_s_per_chip`), non-finite numbers into null (JSON has no Infinity) and -0 into 0.
 * Values under a key named in `keep` are copied as they are (environment variables, Kubernetes objects).
 * @example snakeCaseKeys({ jobMtbfH: Infinity, env: { NCCL_DEBUG: "INFO" } }, { keep: ["env"] }) // { job_mtbf_h: null, env: { NCCL_DEBUG: "INFO" } }
 */
export function snakeCaseKeys(value: unknown, options: { keep?: readonly string[] } = {}): unknown {
  const keep = new Set(options.keep ?? []);
  const walk = (v: unknown): unknown => {
    if (typeof v === "number") return Number.isFinite(v) ? v + 0 : null; // + 0 turns -0 into 0, as JSON does
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === "object") {
      return Object.fromEntries(
        Object.entries(v).map(([key, inner]) => [snakeCase(key), keep.has(key) ? inner : walk(inner)]),
      );
    }
    return v;
  };
  return walk(value);
}

/**
 * A camelCase key in snake_case. Each capital starts a word, except that a run of capitals not followed by a
 * lowercase letter is one word (a unit acronym), as are the units "GiB"/"MiB" and a byte rate ending in "Bps":
 * "tokensPerSPerChip" → "tokens_per_s_per_chip", "hbmGB" → "hbm_gb", "chipGBpsUnidir" → "chip_gbps_unidir",
 * "reserveGiB" → "reserve_gib", and energy in "MWh" (QA 27: "training_m_wh" read as milliwatt-hours):
 * "trainingMWh" → "training_mwh". Keys already in snake_case stay as they are.
 */
export function snakeCase(key: string): string {
  return key.replace(
    /[A-Z]iB(?![a-z])|[A-Z]Wh(?![a-z])|[A-Z]+(?:ps)?(?![a-z])|[A-Z]/g,
    (word: string, at: number) => `${at === 0 ? "" : "_"}${word.toLowerCase()}`,
  );
}
