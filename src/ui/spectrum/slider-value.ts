/**
 * sp-slider dispatches `input` for Home/End before it updates its own `value` (arrow keys, going
 * through the native range input, update first). Reading the value a microtask later sees the new
 * value in both cases; `change` is handled too so the committed value always lands.
 */
import type { Slider } from "@spectrum-web-components/slider";

export function sliderHandlers(apply: (value: number) => void): { onInput: (e: Event) => void; onChange: (e: Event) => void } {
  const read = (e: Event) => {
    const slider = e.target as Slider;
    queueMicrotask(() => apply(slider.value));
  };
  return { onInput: read, onChange: read };
}
