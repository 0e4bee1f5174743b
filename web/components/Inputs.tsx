import type { FieldSpec } from "../lib/fields.ts";

export interface InputsProps {
  fields: readonly FieldSpec[];
  values: Record<string, string>;
  onChange: (key: string, value: string) => void;
  /** Puts every field back to its default. */
  onReset?: () => void;
  /** Prefix of the inputs' ids (default "field"), distinct when two sets of inputs share a page. */
  idPrefix?: string;
}

/** A view's editable inputs: one labelled number input, text input or select per field, in a grid. */
export function Inputs({ fields, values, onChange, onReset, idPrefix = "field" }: InputsProps) {
  return (
    <form class="inputs" onSubmit={(e) => e.preventDefault()}>
      {fields.map((f) => {
        const id = `${idPrefix}-${f.key}`;
        const value = values[f.key] ?? f.default;
        const changed = value !== f.default;
        return (
          <label key={f.key} for={id} class={changed ? "field changed" : "field"}>
            <span class="field-label">
              {f.label}
              {f.unit ? <span class="unit"> ({f.unit})</span> : null}
            </span>
            {f.kind === "select" ? (
              <select
                id={id}
                name={f.key}
                value={value}
                onChange={(e) => onChange(f.key, e.currentTarget.value)}
              >
                {(f.options ?? []).map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            ) : f.kind === "text" ? (
              <input
                id={id}
                name={f.key}
                type="text"
                value={value}
                onChange={(e) => onChange(f.key, e.currentTarget.value)}
              />
            ) : (
              <input
                id={id}
                name={f.key}
                type="number"
                inputMode="decimal"
                value={value}
                {...(f.min === undefined ? {} : { min: f.min })}
                {...(f.max === undefined ? {} : { max: f.max })}
                step={f.step ?? "any"}
                onInput={(e) => onChange(f.key, e.currentTarget.value)}
              />
            )}
            {f.help ? <span class="help">{f.help}</span> : null}
          </label>
        );
      })}
      {onReset ? (
        <button type="button" class="secondary" onClick={onReset}>
          Reset to defaults
        </button>
      ) : null}
    </form>
  );
}
