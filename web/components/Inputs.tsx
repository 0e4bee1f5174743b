import { useContext, useEffect, useRef, useState } from "preact/hooks";
import { type Catalog, CatalogContext } from "../lib/catalog.ts";
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
  /** How long a text input waits after the last keystroke before it applies what was typed, ms. */
  textDelayMs?: number;
}

/** Pause after typing in a text input before the value applies (review 19 C2: it applied only on blur or Enter). */
const TEXT_DELAY_MS = 600;

/**
 * A view's editable inputs: one labelled number input, text input or select per field, in a grid; a field with
 * an error is marked `aria-invalid` with its message under it (described by it for screen readers). Numbers and
 * selects apply at once, text after a pause in typing (or on Enter or leaving the input); chip and model inputs
 * suggest the catalog's ids (from the app's CatalogContext).
 */
export function Inputs({
  fields,
  values,
  onChange,
  onReset,
  idPrefix = "field",
  errors = {},
  textDelayMs = TEXT_DELAY_MS,
}: InputsProps) {
  const catalog = useContext(CatalogContext);
  return (
    <form class="inputs" onSubmit={(e) => e.preventDefault()}>
      {fields.map((f) => {
        const id = `${idPrefix}-${f.key}`;
        const value = values[f.key] ?? f.default;
        const changed = value !== f.default;
        const error = errors[f.key];
        const invalid =
          error === undefined ? {} : { "aria-invalid": true, "aria-describedby": `${id}-error` };
        const suggestions = suggestionsOf(catalog, f.suggest);
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
                {...invalid}
                onChange={(e) => onChange(f.key, e.currentTarget.value)}
              >
                {(f.options ?? []).map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            ) : f.kind === "text" ? (
              <TextInput
                id={id}
                name={f.key}
                value={value}
                delayMs={textDelayMs}
                invalid={invalid}
                list={suggestions.length > 0 ? `${id}-list` : undefined}
                onApply={(v) => onChange(f.key, v)}
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
            {suggestions.length > 0 ? (
              <datalist id={`${id}-list`}>
                {suggestions.map((s) => (
                  <option key={s.value} value={s.value} label={s.label} />
                ))}
              </datalist>
            ) : null}
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

// --- internal ---

function suggestionsOf(catalog: Catalog | null, suggest: FieldSpec["suggest"]) {
  if (catalog === null || suggest === undefined) return [];
  return suggest === "chip"
    ? catalog.chips.map((c) => ({ value: c.id, label: c.name }))
    : catalog.models.map((m) => ({ value: m.name, label: m.displayName }));
}

/**
 * A text input that shows what is typed at once and applies it after `delayMs` without a keystroke, or at once on
 * Enter or leaving the input (the change event); a value set from outside (Reset, Back) replaces what was typed.
 */
function TextInput({
  id,
  name,
  value,
  delayMs,
  invalid,
  list,
  onApply,
}: {
  id: string;
  name: string;
  value: string;
  delayMs: number;
  invalid: Record<string, unknown>;
  list: string | undefined;
  onApply: (value: string) => void;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const applyRef = useRef(onApply);
  applyRef.current = onApply;
  // the applied value changed (this input's own, or a reset): what was typed is now either it or superseded
  useEffect(() => {
    clearTimeout(timer.current);
    setDraft(null);
  }, [value]);
  useEffect(() => () => clearTimeout(timer.current), []);
  const apply = (v: string) => {
    clearTimeout(timer.current);
    if (v === value) setDraft(null);
    else applyRef.current(v);
  };
  return (
    <input
      id={id}
      name={name}
      type="text"
      value={draft ?? value}
      autoComplete="off"
      spellcheck={false}
      {...(list === undefined ? {} : { list })}
      {...invalid}
      onInput={(e) => {
        const v = e.currentTarget.value;
        setDraft(v);
        clearTimeout(timer.current);
        timer.current = setTimeout(() => apply(v), delayMs);
      }}
      onChange={(e) => apply(e.currentTarget.value)}
    />
  );
}
