import * as Plot from "@observablehq/plot";
import { useEffect, useRef } from "preact/hooks";

export interface PlotFigureProps {
  /** Plot options from src/charts; null shows nothing. */
  options: Plot.PlotOptions | null;
  /** What the chart shows, for screen readers and tests. */
  label: string;
}

/** One chart: Plot options (src/charts) drawn into the page's DOM, redrawn when the options change. */
export function PlotFigure({ options, label }: PlotFigureProps) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    const host = ref.current;
    if (!host) return;
    if (options === null) {
      host.replaceChildren();
      return;
    }
    const chart = Plot.plot(options);
    host.replaceChildren(chart);
    return () => chart.remove();
  }, [options]);
  return <figure class="chart" aria-label={label} ref={ref} />;
}
