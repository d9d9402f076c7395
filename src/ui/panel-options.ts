/**
 * What differs between where the panel runs, given by the entry that mounts it:
 *   Express (main.tsx):        client storage for settings, the product catalogue;
 *   playground (dev/test):     localStorage, plus the tiny test model served by the dev server.
 */
import type { EngineBackendName, TestFault } from "../contract/worker-protocol";
import type { ModelStore } from "../engine/models";
import type { GenerateService } from "./engine/generate-service";
import type { RegionEditorLauncher } from "./editor/open-region-editor";
import type { SettingsStorage } from "./settings/settings-storage";

export interface PanelOptions {
  /** Where settings persist (default: localStorage). */
  storage?: SettingsStorage;
  /** Folder URL serving `tiny-sd/` (the development model); omitted in production. */
  devModelsBase?: URL;
  /** Hide the product catalogue (tests that must not reach the network). */
  devModelsOnly?: boolean;
  /** The engine (default: the engine Web Worker). */
  service?: GenerateService;
  /** Run the engine on this backend only ("wasm" = CPU; tests, or a user setting). */
  forceBackend?: EngineBackendName;
  /** Where the region editor opens (default: inside the panel; Express and the playground open a dialog). */
  regionEditor?: RegionEditorLauncher;
  /** The model cache (default: the browser's OPFS store). */
  store?: ModelStore;
  /** Tests only (the playground's ?testFault=): a fault the engine injects once, e.g. a lost GPU after step 1. */
  testFault?: TestFault;
}
