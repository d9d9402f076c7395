/**
 * The panel: prompt → variations → keep, in the Spectrum Express theme. Composition only — the
 * flow lives in flow/ (GenerationSession), models in models/ (ModelLibrary), settings in settings/.
 */
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import type { Button } from "@spectrum-web-components/button";
import type { DeviceReport } from "../contract/worker-protocol";
import { AdvancedSettings } from "./components/advanced-settings";
import { DeviceBadge } from "./components/device-badge";
import { FailureBox } from "./components/failure-notice";
import { GenerateBar } from "./components/generate-bar";
import { RemovalEngine } from "./components/removal-engine";
import { REMOVAL_MODEL_ID } from "./models/removal-model";
import { refreshingAfterEditor } from "./models/refresh-after-editor";
import { generateBlocker } from "./components/generate-blocker";
import { LayerRecord } from "./components/layer-record";
import { ModelSection } from "./components/model-section";
import { ModeSwitch } from "./components/mode-switch";
import { describeSelection, fillUnavailableNote } from "./components/panel-text";
import { PromptSettings } from "./components/prompt-settings";
import { ExpandSettings } from "./components/expand-settings";
import { ResultPreview } from "./components/result-preview";
import { ResultsGrid } from "./components/results-grid";
import { RunNotices } from "./components/run-notices";
import { OtherVariations } from "./components/other-variations";
import { useModelConfirmations } from "./components/model-confirmations";
import { selectionKey } from "./flow/run-state";
import { useEscapeCancels } from "./hooks/use-escape-cancels";
import { KeepMaskOption, useKeepMaskShapes } from "./components/keep-mask-option";
import { SourceNotes } from "./components/source-notes";
import type { SessionSnapshot } from "./flow/generation-session";
import { availableModes, effectiveMode, isUsable, MODE_LABELS, modeHint, needsModel, usesMask } from "./flow/modes";
import type { PanelHost } from "./host/panel-host";
import { usePersistentSettings } from "./hooks/use-persistent-settings";
import { useSelection } from "./hooks/use-selection";
import type { ModelEntry } from "./models/model-library";
import type { SelectionSummary } from "../contract";
import { chooseModel, supportsMode } from "./models/panel-models";
import { panelModeRefusal } from "./models/mode-refusals";
import "./panel.css";
import type { PanelOptions } from "./panel-options";
import { createPanelServices, type PanelServices } from "./panel-services";
import { PRESET_DEFAULTS, randomSeed, type PanelMode, type PanelSettings, type QualityPreset } from "./settings/panel-settings";
import { recordSettings } from "./settings/from-record";
import { createLocalSettingsStorage } from "./settings/settings-storage";
import { captureSource } from "./flow/capture-source";
import { inPanelLauncher } from "./editor/in-panel-launcher";
import { MarkRegion } from "./editor/mark-region";
import { regionKey, RegionMaskStore } from "./editor/region-masks";
import { SpTheme } from "./spectrum/components";

const EMPTY_ENTRIES: readonly ModelEntry[] = [];
const EMPTY_SESSION: SessionSnapshot = { runs: [], selected: null, keeping: false, keepNotice: null };
const noopSubscribe = () => () => undefined;

export function App({ host, options = {} }: { host: PanelHost; options?: PanelOptions }) {
  const storage = useMemo(() => options.storage ?? createLocalSettingsStorage(), [options.storage]);
  const { settings, update, ready, saveError } = usePersistentSettings(storage);
  const selection = useSelection(host);
  const [keepMaskShapes, setKeepMaskShapes] = useKeepMaskShapes();
  useModeFollowsSelection(selection, settings.modeOverride, update);
  const [services, setServices] = useState<PanelServices | null>(null);
  const [startError, setStartError] = useState<unknown>(null);
  const [device, setDevice] = useState<DeviceReport | null>(null);
  const generateButton = useRef<Button>(null);

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
  const removal = useSyncExternalStore(services?.removal.subscribe ?? noopSubscribe, services?.removal.snapshot ?? (() => null));

  // Region editor: masks painted per source while the panel is open (Generate and Try again use them).
  const regionMasks = useMemo(() => new RegionMaskStore(), []);
  const regionEditor = useMemo(() => refreshingAfterEditor(options.regionEditor ?? inPanelLauncher(), () => services?.library.refresh() ?? Promise.resolve()), [options.regionEditor, services]);
  useSyncExternalStore(regionMasks.subscribe, regionMasks.snapshot);
  const paintedMask = isUsable(selection) ? regionMasks.get(regionKey(selection)) : null;
  const modes = availableModes(selection, !!paintedMask);
  const mode = effectiveMode(selection, settings.modeOverride, !!paintedMask);
  const models = useMemo(() => entries.map((e) => e.model), [entries]);
  // Remove runs the engine's built-in fill: no model to choose, download or load.
  const model = mode && needsModel(mode) && services ? chooseModel(models, { preset: settings.preset, mode, modelId: settings.modelId }, services.library.availability) : null;
  const modelEntry = model ? entries.find((e) => e.model.id === model.id) : undefined;
  const modelOptions = useMemo(
    () =>
      // A preview decoder (TAESD) and the tools' models (MI-GAN, SlimSAM) are listed under Models, not offered to generate with.
      entries.filter((e) => !e.model.previewDecoder && !e.model.tool).map(({ model: m, status, variant }) => ({
        model: m,
        unavailable: status.state === "unsupported" ? "cannot run on this device" : mode && !supportsMode(m, mode) ? `no ${MODE_LABELS[mode]}` : null,
        reason: status.state === "unsupported" ? status.message : mode && !supportsMode(m, mode) ? panelModeRefusal(m, variant, mode) : null,
      })),
    [entries, mode],
  );
  // Background preload: the model Generate would use (Fill's when nothing is selected yet), once it is on this device.
  const preloadMode = mode ?? "fill";
  const preloadModel = services && needsModel(preloadMode) ? chooseModel(models, { preset: settings.preset, mode: preloadMode, modelId: settings.modelId }, services.library.availability) : null;
  const preloadReady = !!preloadModel && entries.find((e) => e.model.id === preloadModel.id)?.status.state === "present";
  useEffect(() => {
    if (services && preloadModel && preloadReady) services.session.preload(preloadModel);
  }, [services, preloadModel?.id, preloadReady]); // eslint-disable-line react-hooks/exhaustive-deps
  const latestRun = session.runs[0] ?? null;
  const layerRecord = selection && (selection.type === "image" || selection.type === "image-with-mask") ? (selection.image.generation ?? null) : null;
  const fromLayer = layerRecord ? recordSettings(settings, layerRecord) : null;
  const pair = useMemo(() => (services && session.selected ? services.session.selectedLayer() : null), [services, session.selected]);
  const sourceKey = isUsable(selection) ? selectionKey(selection) : null;
  const confirm = useModelConfirmations(services?.library ?? null);
  useEscapeCancels(running, () => services?.session.cancel());

  const blocker = generateBlocker({
    engineStarted: !!services,
    engineFailed: startError !== null,
    selection,
    mode,
    model: model && modelEntry ? { id: model.id, displayName: model.displayName, status: modelEntry.status } : null,
    steps: settings.steps,
    strength: settings.strength,
  });
  const canGenerate = ready && !blocker && isUsable(selection) && !!mode && (!!model || !needsModel(mode)) && !running;

  function onGenerate() {
    if (!services || !isUsable(selection) || !mode || (!model && needsModel(mode))) return;
    const seed = settings.seedLocked ? settings.seed : randomSeed();
    if (!settings.seedLocked) update({ seed });
    const removalEngine = mode === "remove" ? services.removal.snapshot().engine : undefined;
    void services.session.generate({ selection, settings: { ...settings, seed }, model, mode, seed, paintedMask, removalEngine });
  }

  function onTryAgain() {
    const runId = session.selected?.runId ?? latestRun?.id;
    if (!services || runId === undefined) return;
    const seed = randomSeed();
    update({ seed });
    void services.session.tryAgain(runId, seed);
    // Try again turns disabled while the run goes on; focus moves to Cancel instead of the page.
    generateButton.current?.focus();
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
        {/* Express shows the add-on's name in the panel header; the heading stays for screen readers. */}
        <h1 className="visually-hidden">Local Generative Fill</h1>
        <p className="selection-status" data-testid="selection-status" aria-live="polite">
          {describeSelection(selection)}
        </p>
        {fromLayer && <LayerRecord applied={fromLayer.settings} adjustments={fromLayer.adjustments} onUse={() => update(fromLayer.settings)} />}
        {layerRecord && services && selection && selection.type === "image" && (
          <OtherVariations services={{ ...services, host }} pageId={selection.page.pageId} layerId={selection.image.nodeId} record={layerRecord} />
        )}
        {startError !== null && <FailureBox failure={{ title: "The engine could not start", message: String((startError as Error)?.message ?? startError), action: "Reload the panel." }} />}
        <ModeSwitch mode={mode} available={modes} note={paintedMask ? null : fillUnavailableNote(selection)} onPick={(m) => update({ modeOverride: m })} />
        {isUsable(selection) && (
          <MarkRegion
            host={host}
            selection={selection}
            launcher={regionEditor}
            store={regionMasks}
            maxModelSide={model?.maxModelSide ?? 512}
            growPx={settings.growPx}
            featherPx={settings.featherPx}
            disabled={running}
            captureSource={captureSource}
            onSettings={(change) => update(change)}
          />
        )}
        {mode && isUsable(selection) && <p className="mode-hint">{modeHint(mode, selection)}</p>}
        {mode === "remove" && removal && (
          <RemovalEngine
            removal={removal}
            disabled={running}
            onDownload={() => confirm.requestDownload(REMOVAL_MODEL_ID)}
            onCancel={() => services?.removal.cancelDownload()}
            onDelete={() => confirm.requestDelete(REMOVAL_MODEL_ID)}
          />
        )}
        <SourceNotes
          selection={selection}
          maxModelSide={model?.maxModelSide ?? null}
          lastSource={latestRun && latestRun.sourceKey === sourceKey ? (latestRun.source ?? null) : null}
          keptPixels={services?.keptPixels ?? null}
        />
        {mode === "expand" && selection?.type === "image" && (
          <ExpandSettings settings={settings} update={update} disabled={running} selection={selection} maxModelSide={model?.maxModelSide ?? 512} />
        )}
        <PromptSettings settings={settings} update={update} disabled={running} mode={mode} onPreset={onPreset} />
        <GenerateBar
          canGenerate={canGenerate}
          blocker={blocker}
          running={running}
          run={latestRun}
          onGenerate={onGenerate}
          onCancel={() => services?.session.cancel()}
          onDownload={confirm.requestDownload}
          onCancelDownload={(id) => services?.library.cancelDownload(id)}
          buttonRef={generateButton}
          lockedSeed={settings.seedLocked ? settings.seed : null}
          onUnlockSeed={() => update({ seedLocked: false })}
          action={mode === "remove" ? "Remove" : "Generate"}
        />
        <RunNotices run={latestRun} />
        {latestRun?.status === "failed" && latestRun.error && <FailureBox failure={latestRun.error} testId="generate-error" />}
        <ResultPreview
          pair={pair}
          snapshot={session}
          busy={running}
          currentSourceKey={sourceKey}
          onKeep={() => void services?.session.keep({ keepMaskShapes })}
          onTryAgain={onTryAgain}
          onStep={(d) => services?.session.step(d)}
        />
        {pair && isUsable(selection) && usesMask(selection) && <KeepMaskOption value={keepMaskShapes} onChange={setKeepMaskShapes} disabled={session.keeping} />}
        <ResultsGrid
          snapshot={session}
          currentSourceKey={sourceKey}
          onSelect={(runId, index) => services?.session.select(runId, index)}
          onStep={(d) => services?.session.step(d)}
          onClear={(runId) => services?.session.clearEnded(runId)}
        />
        <AdvancedSettings
          settings={settings}
          update={update}
          disabled={running}
          models={modelOptions}
          activeModelId={model?.id ?? null}
          maskSettings={isUsable(selection) && (usesMask(selection) || !!paintedMask)}
          fastFinishAvailable={entries.some((e) => e.model.previewDecoder && e.status.state === "present")}
        />
        <ModelSection
          entries={entries}
          activeModelId={model?.id ?? null}
          onDownload={confirm.requestDownload}
          onCancel={(id) => services?.library.cancelDownload(id)}
          onDelete={confirm.requestDelete}
          onVerify={(id) => void services?.library.verify(id)}
        />
        {confirm.dialog}
        {saveError && (
          <p className="hint" role="status" data-testid="save-error">
            {saveError}
          </p>
        )}
        <DeviceBadge report={device} />
      </main>
    </SpTheme>
  );
}

/**
 * A mode the user picked stays while the selection keeps its kind (more shapes, another image),
 * and is dropped when the kind changes (image → image + shapes), so the panel opens on what the new
 * selection is for: Generative fill as soon as shapes join the image. Unusable selections in
 * between (a click on the empty page) do not count as a change.
 */
function useModeFollowsSelection(selection: SelectionSummary | undefined, override: PanelMode | null, update: (change: Partial<PanelSettings>) => void): void {
  const lastKind = useRef<string | null>(null);
  const kind = isUsable(selection) ? selection.type : null;
  useEffect(() => {
    if (kind === null) return;
    if (lastKind.current !== null && lastKind.current !== kind && override !== null) update({ modeOverride: null });
    lastKind.current = kind;
    // Only a change of kind matters, not a change of the override itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kind]);
}
