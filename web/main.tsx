/** The dashboard's entry: mounts the app into `#app` (web/index.html). */
import { render } from "preact";
import { App } from "./components/App.tsx";
import "./styles.css";

const root = document.getElementById("app");
if (root) render(<App />, root);
