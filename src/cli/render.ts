import Table from "cli-table3";
import { jsonDigits } from "../util/json-digits.ts";

/** An aligned plain-text table (no colour, no box art that breaks when piped into other tools). */
export function table(
  head: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
): string {
  const t = new Table({
    head: [...head],
    style: { head: [], border: [], compact: true, "padding-left": 0, "padding-right": 2 },
    chars: {
      top: "",
      "top-mid": "",
      "top-left": "",
      "top-right": "",
      bottom: "",
      "bottom-mid": "",
      "bottom-left": "",
      "bottom-right": "",
      left: "",
      "left-mid": "",
      mid: "",
      "mid-mid": "",
      right: "",
      "right-mid": "",
      middle: "",
    },
  });
  for (const row of rows) t.push(row.map((cell) => (cell === null ? "unknown" : String(cell))));
  return `${t
    .toString()
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")}\n`;
}

/** JSON for machines: two-space indented, newline-terminated, fractions to six significant digits (jsonDigits). */
export function json(value: unknown): string {
  return `${JSON.stringify(value, jsonDigits, 2)}\n`;
}

/** 671B, 37.6B, 124.4M, 14.8T: parameter and token counts (trillions to 2 decimals, the rest to 1; no trailing zeros). */
export function formatCount(n: number): string {
  for (const [unit, scale, decimals] of [
    ["T", 1e12, 2],
    ["B", 1e9, 1],
    ["M", 1e6, 1],
    ["K", 1e3, 1],
  ] as const) {
    if (Math.abs(n) >= scale) return `${Number((n / scale).toFixed(decimals))}${unit}`;
  }
  return String(Math.round(n * 100) / 100);
}

/** Bytes in binary units (GiB, MiB, KiB), as memory is sized. */
export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

/** A number with a fixed count of significant digits, for tables. */
export function formatNumber(n: number | null | undefined, digits = 3): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "unknown";
  if (n === 0) return "0";
  const abs = Math.abs(n);
  if (abs >= 10 ** digits) return Math.round(n).toLocaleString("en-US");
  return Number(n.toPrecision(digits)).toString();
}

/** 0.4312 -> "43.1 %". */
export function formatPercent(fraction: number | null | undefined, decimals = 1): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return "unknown";
  return `${(fraction * 100).toFixed(decimals)} %`;
}

/** Cuts a long text to `max` characters with an ellipsis (full text stays in --json). */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * An advisory as one line of prose: its message, then its hint as the next sentence (capitalised, a full stop
 * between them unless the message already ends a sentence).
 * @example adviceLine({ message: "TTFT missed", hint: "raise the limit" }) // "TTFT missed. Raise the limit"
 */
export function adviceLine(a: { message: string; hint: string }): string {
  const message = a.message.trimEnd();
  const hint = a.hint.trim();
  if (hint === "") return message;
  const stop = /[.!?]$/.test(message) ? "" : ".";
  return `${message}${stop} ${hint.charAt(0).toUpperCase()}${hint.slice(1)}`;
}
