/** Renders the panel into a DOM element for a given host (Express or playground). */
import { StrictMode } from "react";
import { createRoot, type Root } from "react-dom/client";
import { App } from "./App";
import type { PanelHost } from "./host/panel-host";
import type { PanelOptions } from "./panel-options";
import "./panel-base.css";

export function mountPanel(element: HTMLElement, host: PanelHost, options: PanelOptions = {}): Root {
  const root = createRoot(element);
  root.render(
    <StrictMode>
      <App host={host} options={options} />
    </StrictMode>,
  );
  return root;
}

/** Shown instead of the panel when the host cannot start: say what happened and what to do. */
export function showStartupError(element: HTMLElement, error: unknown): void {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  element.textContent = "";
  const box = document.createElement("div");
  box.className = "startup-error";
  box.setAttribute("role", "alert");
  box.textContent = `The panel could not start. ${message}`;
  element.append(box);
  console.error(error);
}
