import type { Chip } from "./chip-schema.ts";

const BYTES_PER_GIB = 2 ** 30;

/**
 * Bytes of HBM on one package. Datasheets' "GB" of HBM are binary gigabytes in practice: nvidia-smi reports
 * 81,559 MiB (79.6 GiB, 85.5e9 bytes) on an "H100 80GB HBM3" and on an H800 (nvidia-smi output pasted in public
 * repositories, e.g. deployment guides and issue reports), so the catalog's `hbmGB` is read as GiB, as training
 * always did (train/job-context.ts). 0 when the catalog does not know it.
 */
export function hbmBytesOf(chip: Pick<Chip, "hbmGB">): number {
  return (chip.hbmGB ?? 0) * BYTES_PER_GIB;
}
