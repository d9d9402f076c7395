/**
 * "Other variations" of a selected kept layer: the results of its run that were not kept, read from
 * this browser's store. Pick one, then Swap (it takes the layer's place, one undo step; the old
 * pixels become a variation) or Add as a layer (above it). Hidden when nothing is stored.
 */
import { useEffect, useState } from "react";
import type { GenerationRecord } from "../../contract";
import { describeFailure } from "../flow/describe-failure";
import { putVariation } from "../flow/put-variation";
import type { PanelServices } from "../panel-services";
import { SpButton } from "../spectrum/components";
import type { Variation } from "../storage/variations-store";
import { FailureBox } from "./failure-notice";
import { PixelsCanvas } from "./pixels-canvas";

interface Props {
  services: Pick<PanelServices, "variations" | "keptPixels"> & { host: Parameters<typeof putVariation>[0]["host"] };
  pageId: string;
  layerId: string;
  record: GenerationRecord;
}

export function OtherVariations({ services, pageId, layerId, record }: Props) {
  const [variations, setVariations] = useState<Variation[] | null>(null);
  const [picked, setPicked] = useState(0);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: string } | { failure: ReturnType<typeof describeFailure> } | null>(null);
  const store = services.variations;
  useEffect(() => {
    let live = true;
    setVariations(null);
    setPicked(0);
    const load = () =>
      store.list(layerId, record).then(
        (v) => live && setVariations(v),
        () => live && setVariations([]),
      );
    void load();
    // Selected right after Keep, the layer's variations may still be on their way to the store.
    const unsubscribe = store.subscribe(() => void load());
    return () => {
      live = false;
      unsubscribe();
    };
    // The store, not `services`: App passes a new services object on every render.
  }, [store, layerId, record]);
  if (!variations || variations.length === 0) return outcome && "ok" in outcome ? <p className="notice notice-success" role="status" data-testid="variation-done">{outcome.ok}</p> : null;
  const chosen = variations[Math.min(picked, variations.length - 1)];

  async function put(how: "swap" | "add") {
    setBusy(true);
    setOutcome(null);
    try {
      await putVariation(services, { how, pageId, layerId, record, variation: chosen });
      setOutcome({ ok: how === "swap" ? "Swapped: the variation took the layer's place (Undo brings the old one back)." : "Added above the layer." });
      if (how === "add") setVariations((all) => (all ?? []).filter((v) => v !== chosen));
    } catch (error) {
      setOutcome({ failure: describeFailure(error, "keep") });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="other-variations" aria-label="Other variations of this layer" data-testid="other-variations">
      <h2>Other variations ({variations.length})</h2>
      <ul className="thumbs">
        {variations.map((v, i) => (
          <li key={v.seed}>
            <button type="button" className={`thumb${i === picked ? " selected" : ""}`} aria-pressed={i === picked} aria-label={`Variation, seed ${v.seed}`} data-testid="variation-thumb" onClick={() => setPicked(i)}>
              <PixelsCanvas pixels={v.image} />
            </button>
          </li>
        ))}
      </ul>
      <div className="row">
        <SpButton size="s" variant="accent" disabled={busy} data-testid="variation-swap" onClick={() => void put("swap")}>
          Swap
        </SpButton>
        <SpButton size="s" variant="secondary" treatment="outline" disabled={busy} data-testid="variation-add" onClick={() => void put("add")}>
          Add as a layer
        </SpButton>
      </div>
      {outcome && "ok" in outcome && (
        <p className="notice notice-success" role="status" data-testid="variation-done">
          {outcome.ok}
        </p>
      )}
      {outcome && "failure" in outcome && <FailureBox failure={outcome.failure} testId="variation-error" />}
    </section>
  );
}
