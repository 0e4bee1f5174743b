/**
 * Valid but poor input, reported as data: a stable `code`, a one-line `message` naming the value, and a `hint`
 * saying what to change (the nearest feasible point where there is one).
 */
export interface ServeAdvisory {
  code: string;
  message: string;
  hint: string;
}
