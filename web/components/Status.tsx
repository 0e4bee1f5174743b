export interface StatusProps {
  loading: boolean;
  error: string | null;
  /** What is being computed ("comparing strategies"). */
  what: string;
}

/** One line saying that a result is being computed, or what went wrong (the API's own message). */
export function Status({ loading, error, what }: StatusProps) {
  if (error !== null) {
    return (
      <p class="status error" role="alert">
        {error}
      </p>
    );
  }
  if (loading) {
    return (
      <p class="status" role="status" aria-live="polite">
        {what}…
      </p>
    );
  }
  return null;
}
