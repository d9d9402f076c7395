/**
 * Whether the panel can be seen (document.visibilityState): hidden when the user switches tab,
 * minimises the window or closes the add-on's panel while it keeps running. Browsers send no
 * memory-pressure event; a panel nobody looks at is the next best reason to give memory back.
 */
export interface PanelVisibility {
  hidden(): boolean;
  /** Calls `listener` on every change; returns the unsubscribe. */
  onChange(listener: () => void): () => void;
}

/** The document's visibility, or null where there is no document (Node, a worker). */
export function documentVisibility(): PanelVisibility | null {
  if (typeof document === "undefined") return null;
  return {
    hidden: () => document.visibilityState === "hidden",
    onChange(listener) {
      document.addEventListener("visibilitychange", listener);
      return () => document.removeEventListener("visibilitychange", listener);
    },
  };
}

/** "10 minutes", "1 minute", "90 seconds": how the release sentences name a timeout. */
export function describeDuration(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return ms === 60_000 ? "1 minute" : `${ms / 60_000} minutes`;
  const seconds = Math.round(ms / 1000);
  return seconds === 1 ? "1 second" : `${seconds} seconds`;
}
