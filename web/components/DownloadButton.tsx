import { useState } from "preact/hooks";

export interface DownloadButtonProps {
  label: string;
  /**
   * Makes the file when clicked (may call the API); `notes` are shown beside the button once it is made (an
   * export's advisories: review 19, "DualPipe is not a Megatron-LM schedule, exported as 1F1B" was in the file only).
   */
  make: () => Promise<{ filename: string; text: string; type?: string; notes?: readonly string[] }>;
}

/** A button that builds a file (launch config, report) and hands it to the browser as a download. */
export function DownloadButton({ label, make }: DownloadButtonProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notes, setNotes] = useState<readonly string[]>([]);
  const click = async () => {
    setBusy(true);
    setError(null);
    setNotes([]);
    try {
      const file = await make();
      setNotes(file.notes ?? []);
      const url = URL.createObjectURL(new Blob([file.text], { type: file.type ?? "text/plain" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = file.filename;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span class="download">
      <button type="button" onClick={click} disabled={busy}>
        {busy ? `${label}…` : label}
      </button>
      {error ? (
        <span class="error" role="alert">
          {" "}
          {error}
        </span>
      ) : null}
      {notes.length > 0 ? (
        <ul class="download-notes" aria-label={`${label}: notes`}>
          {notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
    </span>
  );
}
