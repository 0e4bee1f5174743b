/**
 * Valid input that an engine cannot take as planned, reported as data: a stable `code`, a one-line `message`
 * naming the value, and a `hint` saying what was emitted instead or what to add by hand.
 */
export interface ExportAdvisory {
  code: string;
  message: string;
  hint: string;
}
