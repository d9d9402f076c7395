/**
 * The panel: prompt → variations → keep, in the Spectrum Express theme. Composition only — the
 * flow lives in flow/ (GenerationSession), models in models/ (ModelLibrary), settings in settings/.
 */
import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import type { SelectionSummary } from "../contract";
import type { DeviceReport } from "../contract/worker-protocol";
import { AdvancedSettings } from "./components/advanced-settings";
import { DeviceBadge } from "./components/device-badge";
import { FailureBox } from "./components/failure-notice";
import { GenerateBar } from "./components/generate-bar";
import { LayerRecord } from "./components/layer-record";
import { ModelSection } from "./components/model-section";
import { ModeSwitch } from "./components/mode-switch";
import { PromptSettings } from "./components/prompt-settings";
import { ResultPreview } from "./components/result-preview";
import { ResultsGrid } from "./components/results-grid";
import type { SessionSnapshot } from "./flow/generation-session";
import { availableModes, effectiveMode, isUsable, modeHint } from "./flow/modes";
import type { PanelHost } from "./host/panel-host";
import { usePersistentSettings } from "./hooks/use-persistent-settings";
import { useSelection } from "./hooks/use-selection";
import type { ModelEntry } from "./models/model-library";
import { chooseModel } from "./models/panel-models";
import "./panel.css";
import type { PanelOptions } from "./panel-options";
import { createPanelServices, type PanelServices } from "./panel-services";
import { PRESET_DEFAULTS, randomSeed, type QualityPreset } from "./settings/panel-settings";
import { settingsFromRecord } from "./settings/from-record";
import { createLocalSettingsStorage } from "./settings/settings-storage";
import { SpTheme } from "./spectrum/components";

const EMPTY_ENTRIES: readonly ModelEntry[] = [];
const EMPTY_SESSION: SessionSnapshot = { runs: [], selected: null, keeping: false, keepNotice: null };
const noopSubscribe = () => () => undefined;

export function App({ host, options = {} }: { host: PanelHost; options?: PanelOptions }) {
  const storage = useMemo(() => options.storage ?? createLocalSettingsStorage(), [options.storage]);
  const { settings, update, ready } = usePersistentSettings(storage);
  const selection = useSelection(host);
  const [services, setServices] = useState<PanelServices | null>(null);
  const [startError, setStartError] = useState<unknown>(null);
  const [device, setDevice] = useState<DeviceReport | null>(null);

  useEffect(() => {
    let live = true;
    let built: PanelServices | null = null;
    createPanelServices(host, options).then(
      (s) => {
        if (!live) {
          // Unmounted before the services were ready (StrictMode mounts twice in development):
          // release them now, or their engine worker would live on beside the next mount's.
          s.session.dispose();
          void s.service.dispose();
          return;
        }
        built = s;
        setServices(s);
        s.service.device().then((d) => live && setDevice(d), () => undefined);
      },
      (error: unknown) => live && setStartError(error),
    );
    return () => {
      live = false;
      built?.session.dispose();
      void built?.service.dispose();
    };
    // The options object is fixed for the panel's life.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [host]);

  const entries = useSyncExternalStore(services?.library.subscribe ?? noopSubscribe, services?.library.snapshot ?? (() => EMPTY_ENTRIES));
  const session = useSyncExternalStore(services?.session.subscribe ?? noopSubscribe, services?.session.snapshot ?? (() => EMPTY_SESSION));
  const running = services?.session.running ?? false;

  const modes = availableModes(selection);
  const mode = effectiveMode(selection, settings.modeOverride);
  const models = useMemo(() => entries.map((e) => e.model), [entries]);
  const model = mode && services ? chooseModel(models, { preset: settings.preset, mode, modelId: settings.modelId }, services.library.availability) : null;
  const modelPresent = model ? entries.find((e) => e.model.id === model.id)?.status.state === "present" : false;
  const latestRun = session.runs[0] ?? null;
  const layerRecord = selection && (selection.type === "image" || selection.type === "image-with-mask") ? (selection.image.generation ?? null) : null;
  const pair = useMemo(() => (services && session.selected ? services.session.selectedLayer() : null), [services, session.selected]);

  const blockReason = !services
    ? "Starting the engine…"
    : !isUsable(selection)
      ? null
      : !model
        ? "No model can do this here."
        : !modelPresent
          ? `Download “${model.displayName}” under Models first.`
          : null;
  const canGenerate = ready && !!services && isUsable(selection) && !!mode && !!model && modelPresent && !running;

  function onGenerate() {
    if (!services || !isUsable(selection) || !mode || !model) return;
    const seed = settings.seedLocked ? settings.seed : randomSeed();
    if (!settings.seedLocked) update({ seed });
    void services.session.generate({ selection, settings: { ...settings, seed }, model, mode, seed });
  }

  function onTryAgain() {
    const runId = session.selected?.runId ?? latestRun?.id;
    if (!services || runId === undefined) return;
    const seed = randomSeed();
    update({ seed });
    void services.session.tryAgain(runId, seed);
  }

  function onPreset(preset: QualityPreset) {
    if (preset === settings.preset) return;
    const next = mode ? chooseModel(models, { preset, mode, modelId: null }, services?.library.availability ?? (() => "unsupported" as const)) : null;
    const defaults = next?.preset === preset && next.recommended ? next.recommended : PRESET_DEFAULTS[preset];
    update({ preset, modelId: null, steps: defaults.steps, guidanceScale: defaults.guidanceScale });
  }

  return (
    <SpTheme system="express" color="light" scale="medium">
      <main className="panel" aria-busy={running}>
        <h1>Local Generative Fill</h1>
        <p className="selection-status" data-testid="selection-status" aria-live="polite">
          {describeSelection(selection)}
        </p>
        {layerRecord && <LayerRecord record={layerRecord} onUse={() => update(settingsFromRecord(settings, layerRecord))} />}
        {startError !== null && <FailureBox failure={{ title: "The engine could not start", message: String((startError as Error)?.message ?? startError), action: "Reload the panel." }} />}
        <ModeSwitch mode={mode} available={modes} onPick={(m) => update({ modeOverride: m })} />
        {mode && isUsable(selection) && <p className="mode-hint">{modeHint(mode, selection)}</p>}
        <PromptSettings settings={settings} update={update} disabled={running} mode={mode} onPreset={onPreset} />
        <GenerateBar
          canGenerate={canGenerate}
          reason={blockReason}
          running={running}
          run={latestRun}
          onGenerate={onGenerate}
          onCancel={() => services?.session.cancel()}
        />
        {latestRun?.status === "failed" && latestRun.error && <FailureBox failure={latestRun.error} testId="generate-error" />}
        <ResultPreview pair={pair} snapshot={session} busy={running} onKeep={() => void services?.session.keep()} onTryAgain={onTryAgain} />
        <ResultsGrid snapshot={session} onSelect={(runId, index) => services?.session.select(runId, index)} />
        <AdvancedSettings settings={settings} update={update} disabled={running} models={models} activeModelId={model?.id ?? null} />
        <ModelSection
          entries={entries}
          activeModelId={model?.id ?? null}
          onDownload={(id) => void services?.library.download(id)}
          onCancel={(id) => services?.library.cancelDownload(id)}
          onDelete={(id) => void services?.library.delete(id)}
        />
        <DeviceBadge report={device} />
      </main>
    </SpTheme>
  );
}

/** One line about the selection (the playground test reads these exact texts). */
function describeSelection(selection: SelectionSummary | undefined): string {
  if (!selection) return "Waiting for the document…";
  switch (selection.type) {
    case "image":
      return `Image selected (${Math.round(selection.image.width)}×${Math.round(selection.image.height)})`;
    case "image-with-mask":
      return `Image with ${selection.maskShapes.length} mask shape(s) selected`;
    case "page-region":
      return `${selection.maskShapes.length} shape(s) selected: fill the page region under them`;
    case "unsupported":
      return selection.message;
  }
}
