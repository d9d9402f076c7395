/**
 * Panel settings that survive Express's panel resets: loaded once from storage (sanitised), saved
 * shortly after every change. `ready` is false until the stored values are in, so the first paint
 * never flashes defaults over the user's choices for long and never saves defaults over them.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { DEFAULT_SETTINGS, sanitizeSettings, type PanelSettings } from "../settings/panel-settings";
import type { SettingsStorage } from "../settings/settings-storage";

const SAVE_DELAY_MS = 300;

export function usePersistentSettings(storage: SettingsStorage): {
  settings: PanelSettings;
  update: (change: Partial<PanelSettings>) => void;
  ready: boolean;
  saveError: string | null;
} {
  const [settings, setSettings] = useState<PanelSettings>(DEFAULT_SETTINGS);
  const [ready, setReady] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    let live = true;
    storage
      .load()
      // The seed lock does not survive a reload: a lock nobody sees would silently repeat the same
      // images next session. The seed itself is kept, one click from being locked again.
      .then((stored) => live && stored !== undefined && setSettings({ ...sanitizeSettings(stored), seedLocked: false }))
      .catch(() => undefined) // unreadable storage: start from defaults
      .finally(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, [storage]);

  useEffect(() => {
    if (!ready) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      storage.save(settings).then(
        () => setSaveError(null),
        (error: unknown) => setSaveError(`Settings could not be saved (${(error as Error).message}); they last until the panel closes.`),
      );
    }, SAVE_DELAY_MS);
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [settings, ready, storage]);

  const update = useCallback((change: Partial<PanelSettings>) => setSettings((s) => sanitizeSettings({ ...s, ...change })), []);
  return { settings, update, ready, saveError };
}
