/** A valid but poor (or impossible) input, reported as data: what happened and what to do about it. */
export interface FleetAdvisory {
  code: string;
  message: string;
  hint: string;
}

/** One number the comparison rests on, with where it comes from ("sourced", "derived" or an "assumption"). */
export interface FleetAssumption {
  name: string;
  value: number | string | null;
  unit: string;
  source: string;
  kind: "sourced" | "derived" | "assumption";
}
