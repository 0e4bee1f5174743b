import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, type ProblemError } from "./api.ts";

export interface AsyncState<T> {
  /** The last answer (kept while a newer request runs, so charts do not flicker; dropped when a request fails). */
  data: T | null;
  error: string | null;
  /** The fields the API's problem names (empty without an error, or when it names none). */
  problems: readonly ProblemError[];
  loading: boolean;
  /**
   * The key `data` answers (null without data): it stays while a newer request runs, so a request chained on this
   * one's success is keyed on it and waits for the new answer (review 19 C8).
   */
  dataKey: string | null;
}

const NONE: readonly ProblemError[] = [];

/**
 * Runs `run` whenever `key` changes (after `delayMs` without another change, so typing does not flood the API),
 * aborting the previous run; `key` null clears the state. The answer of a superseded run is dropped.
 */
export function useAsync<T>(
  key: string | null,
  run: (signal: AbortSignal) => Promise<T>,
  delayMs = 300,
): AsyncState<T> {
  const [state, setState] = useState<AsyncState<T>>({
    data: null,
    error: null,
    problems: NONE,
    loading: key !== null,
    dataKey: null,
  });
  const runRef = useRef(run);
  runRef.current = run;
  useEffect(() => {
    if (key === null) {
      setState({ data: null, error: null, problems: NONE, loading: false, dataKey: null });
      return;
    }
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    const timer = setTimeout(() => {
      runRef
        .current(controller.signal)
        .then((data) => {
          if (!controller.signal.aborted) {
            setState({ data, error: null, problems: NONE, loading: false, dataKey: key });
          }
        })
        .catch((error: unknown) => {
          if (controller.signal.aborted) return;
          const message = error instanceof ApiError || error instanceof Error ? error.message : String(error);
          // the last answer was for other inputs: shown beside this error it read as the answer to these (a
          // deadline of 0 days drawn with the previous run's 99.5 % P(deadline))
          const problems = error instanceof ApiError ? error.errors : NONE;
          setState({ data: null, error: message, problems, loading: false, dataKey: null });
        });
    }, delayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key, delayMs]);
  return state;
}
