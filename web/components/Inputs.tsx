import type { FieldSpec } from "../lib/fields.ts";

export interface InputsProps {
  fields: readonly FieldSpec[];
  values: Record<string, string>;
  onChange: (key: string, value: string) => void;
  /** Puts every field back to its default. */
  onReset?: () => void;
  /** Prefix of the inputs' ids (default "field"), distinct when two sets of inputs share a page. */
  idPrefix?: string;
  /** `{key: message}` of fields whose value cannot be used: marked invalid, the message under the input. */
  errors?: Readonly<Record<string, string>>;
}

/**
 * A view's editable inputs: one labelled number input, text input or select per field, in a grid; a field with
 * an error is marked `aria-invalid` with its message under it (described by it for screen readers).
 */
export function Inputs({ fields, values, onChange, onReset, idPrefix = "field", errors = {} }: InputsProps) {
  return (
    <form class="inputs" onSubmit={(e) => e.preventDefault()}>
      {fields.map((f) => {
        const id = `${idPrefix}-${f.key}`;
        const value = values[f.key] ?? f.default;
        const changed = value !== f.default;
        const error = errors[f.key];
        const invalid =
          error === undefined ? {} : { "aria-invalid": true, "aria-describedby": `${id}-error` };
        return (
          <label
            key={f.key}
            for={id}
            class={["field", changed ? "changed" : "", error === undefined ? "" : "invalid"]
              .filter(Boolean)
              .join(" ")}
          >
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
                {...invalid}
                {...(f.min === undefined ? {} : { min: f.min })}
                {...(f.max === undefined ? {} : { max: f.max })}
                step={f.step ?? "any"}
                onInput={(e) => onChange(f.key, e.currentTarget.value)}
              />
            )}
            {f.help ? <span class="help">{f.help}</span> : null}
            {error === undefined ? null : (
              <span class="field-error" id={`${id}-error`}>
                {error}
              </span>
            )}
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
