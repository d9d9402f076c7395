/** Entry of the panel inside Adobe Express (dist/index.js). The playground has its own entry. */
import { createExpressHost } from "./host/express-host";
import { mountPanel, showStartupError } from "./mount-panel";
import { createExpressClientStorage } from "./settings/express-client-storage";
import { expressRegionEditor } from "./editor/express-region-editor";

const rootElement = document.getElementById("root");
if (!rootElement) throw new Error("index.html has no #root element");

createExpressHost().then(
  (host) => mountPanel(rootElement, host, { storage: createExpressClientStorage(), regionEditor: expressRegionEditor() }),
  (error: unknown) => showStartupError(rootElement, error),
);
