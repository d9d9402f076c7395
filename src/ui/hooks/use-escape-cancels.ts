/**
 * Escape cancels a running generation, wherever the focus is in the panel — except when a menu,
 * picker or dialog is open (Escape closes that first; those stop the event themselves).
 */
import { useEffect, useRef } from "react";

export function useEscapeCancels(running: boolean, cancel: () => void): void {
  const latest = useRef(cancel);
  latest.current = cancel;
  useEffect(() => {
    if (!running) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || e.defaultPrevented) return;
      e.preventDefault();
      latest.current();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [running]);
}
