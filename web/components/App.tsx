import { useEffect, useRef, useState } from "preact/hooks";
import { CatalogContext, fetchCatalog } from "../lib/catalog.ts";
import { readUrlState, type UrlState, VIEWS, type View, writeUrlState } from "../lib/url-state.ts";
import { useAsync } from "../lib/use-async.ts";
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
  // the calibration cases the profile is fitted on, not a held-out test (review 19 B3)
  validation: "Calibration fit",
};

/**
 * The dashboard: one tab per view, the current view and its inputs in the URL hash (`#/train?count=2048`), so
 * a link reproduces what is on screen. Other views keep their inputs while you switch. A tab change is a new
 * history entry, so Back returns to the previous tab (review 19 C4); an input edit replaces the current one, so
 * Back does not step through keystrokes. The chip and model catalog is fetched once, for every view's suggestions.
 */
export function App() {
  const [state, setState] = useState<UrlState>(() => readUrlState(location.hash));
  // once for the app (review 19 C3): the chip and model inputs' suggestions, and which chips have FP8
  const catalog = useAsync("catalog", fetchCatalog, 0);
  const [saved, setSaved] = useState<Partial<Record<View, Record<string, string>>>>({});
  const current = useRef(state);
  current.current = state;
  useEffect(() => {
    // Back, Forward or an edited address: the view of the URL, the one left keeping its inputs
    const onHash = () => {
      const next = readUrlState(location.hash);
      const left = current.current;
      if (writeUrlState(next) === writeUrlState(left)) return;
      if (next.view !== left.view) setSaved((s) => ({ ...s, [left.view]: left.params }));
      setState(next);
    };
    addEventListener("hashchange", onHash);
    addEventListener("popstate", onHash);
    return () => {
      removeEventListener("hashchange", onHash);
      removeEventListener("popstate", onHash);
    };
  }, []);
  const go = (next: UrlState, entry: "push" | "replace") => {
    setSaved((s) => ({ ...s, [state.view]: state.params }));
    setState(next);
    const hash = writeUrlState(next);
    if (location.hash === hash) return;
    if (entry === "push") history.pushState(null, "", hash);
    else history.replaceState(null, "", hash);
  };
  const props = {
    params: state.params,
    onParams: (params: Record<string, string>) => go({ view: state.view, params }, "replace"),
  };
  return (
    <CatalogContext.Provider value={catalog.data}>
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
                go(
                  { view: v, params: v === state.view ? state.params : (saved[v] ?? {}) },
                  v === state.view ? "replace" : "push",
                );
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
    </CatalogContext.Provider>
  );
}
