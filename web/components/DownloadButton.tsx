import { useState } from "preact/hooks";

export interface DownloadButtonProps {
  label: string;
  /** Makes the file when clicked (may call the API). */
  make: () => Promise<{ filename: string; text: string; type?: string }>;
}

/** A button that builds a file (launch config, report) and hands it to the browser as a download. */
export function DownloadButton({ label, make }: DownloadButtonProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const click = async () => {
    setBusy(true);
    setError(null);
    try {
      const file = await make();
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
    </span>
  );
}
