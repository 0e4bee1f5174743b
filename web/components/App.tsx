import { useEffect, useState } from "preact/hooks";
import { readUrlState, type UrlState, VIEWS, type View, writeUrlState } from "../lib/url-state.ts";
import { FleetView } from "./FleetView.tsx";
import { ReliabilityView } from "./ReliabilityView.tsx";
import { ServingView } from "./ServingView.tsx";
import { TrainView } from "./TrainView.tsx";
import { ValidationView } from "./ValidationView.tsx";

const TITLES: Record<View, string> = {
  fleet: "Fleet comparison",
  train: "Train plan explorer",
  reliability: "Reliability",
  serving: "Serving",
  validation: "Validation",
};

/**
 * The dashboard: one tab per view, the current view and its inputs in the URL hash (`#/train?count=2048`), so
 * a link reproduces what is on screen. Other views keep their inputs while you switch.
 */
export function App() {
  const [state, setState] = useState<UrlState>(() => readUrlState(location.hash));
  const [saved, setSaved] = useState<Partial<Record<View, Record<string, string>>>>({});
  useEffect(() => {
    const onHash = () => setState(readUrlState(location.hash));
    addEventListener("hashchange", onHash);
    return () => removeEventListener("hashchange", onHash);
  }, []);
  const go = (next: UrlState) => {
    setSaved((s) => ({ ...s, [state.view]: state.params }));
    setState(next);
    const hash = writeUrlState(next);
    if (location.hash !== hash) history.replaceState(null, "", hash);
  };
  const props = {
    params: state.params,
    onParams: (params: Record<string, string>) => go({ view: state.view, params }),
  };
  return (
    <>
      <header>
        <h1>fleetcast</h1>
        <p class="tagline">What a mixed NVIDIA, Ascend and AMD fleet can do for LLM training and serving</p>
        <nav aria-label="views">
          {VIEWS.map((v) => (
            <a
              key={v}
              href={writeUrlState({ view: v, params: saved[v] ?? {} })}
              aria-current={v === state.view ? "page" : undefined}
              onClick={(e) => {
                e.preventDefault();
                go({ view: v, params: v === state.view ? state.params : (saved[v] ?? {}) });
              }}
            >
              {TITLES[v]}
            </a>
          ))}
        </nav>
      </header>
      <main>
        {state.view === "fleet" ? <FleetView {...props} /> : null}
        {state.view === "train" ? <TrainView {...props} /> : null}
        {state.view === "reliability" ? <ReliabilityView {...props} /> : null}
        {state.view === "serving" ? <ServingView {...props} /> : null}
        {state.view === "validation" ? <ValidationView {...props} /> : null}
      </main>
    </>
  );
}
