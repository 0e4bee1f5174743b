import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "./api.ts";

export interface AsyncState<T> {
  /** The last answer (kept while a newer request runs, so charts do not flicker; dropped when a request fails). */
  data: T | null;
  error: string | null;
  loading: boolean;
}

/**
 * Runs `run` whenever `key` changes (after `delayMs` without another change, so typing does not flood the API),
 * aborting the previous run; `key` null clears the state. The answer of a superseded run is dropped.
 */
export function useAsync<T>(
  key: string | null,
  run: (signal: AbortSignal) => Promise<T>,
  delayMs = 300,
): AsyncState<T> {
  const [state, setState] = useState<AsyncState<T>>({ data: null, error: null, loading: key !== null });
  const runRef = useRef(run);
  runRef.current = run;
  useEffect(() => {
    if (key === null) {
      setState({ data: null, error: null, loading: false });
      return;
    }
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    const timer = setTimeout(() => {
      runRef
        .current(controller.signal)
        .then((data) => {
          if (!controller.signal.aborted) setState({ data, error: null, loading: false });
        })
        .catch((error: unknown) => {
          if (controller.signal.aborted) return;
          const message = error instanceof ApiError || error instanceof Error ? error.message : String(error);
          // the last answer was for other inputs: shown beside this error it read as the answer to these (a
          // deadline of 0 days drawn with the previous run's 99.5 % P(deadline))
          setState({ data: null, error: message, loading: false });
        });
    }, delayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key, delayMs]);
  return state;
}
