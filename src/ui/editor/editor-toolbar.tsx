/**
 * The editor's controls as native buttons and sliders (every one reachable with Tab, named for
 * screen readers, its shortcut in the tooltip): tools, brush size, invert / clear / undo / redo,
 * zoom, grow / feather, Cancel / Done.
 */
import type { EditorTool } from "./mask-editor-model";
import { BRUSH_SIZE } from "./mask-editor-model";

const TOOL_LABELS: Record<EditorTool, { label: string; key: string }> = {
  brush: { label: "Brush", key: "B" },
  eraser: { label: "Eraser", key: "E" },
  select: { label: "Select object", key: "S" },
};

export function ToolButtons({ tool, tools, onTool }: { tool: EditorTool; tools: EditorTool[]; onTool: (tool: EditorTool) => void }) {
  return (
    <div className="editor-group" role="group" aria-label="Tool">
      {tools.map((t) => (
        <button
          key={t}
          type="button"
          className="editor-button"
          aria-pressed={t === tool}
          data-testid={`editor-tool-${t}`}
          title={`${TOOL_LABELS[t].label} (${TOOL_LABELS[t].key})`}
          onClick={() => onTool(t)}
        >
          {TOOL_LABELS[t].label}
        </button>
      ))}
    </div>
  );
}

export function RangeField({ id, label, value, min, max, onChange, hint }: { id: string; label: string; value: number; min: number; max: number; onChange: (v: number) => void; hint?: string }) {
  return (
    <label className="editor-range" htmlFor={id} title={hint}>
      <span>{label}</span>
      <input id={id} data-testid={id} type="range" min={min} max={max} value={value} onChange={(e) => onChange(Number(e.currentTarget.value))} />
      <output htmlFor={id}>{value} px</output>
    </label>
  );
}

export function BrushSize({ size, onSize }: { size: number; onSize: (v: number) => void }) {
  return <RangeField id="editor-brush-size" label="Size" value={size} min={BRUSH_SIZE.min} max={BRUSH_SIZE.max} onChange={onSize} hint="Brush size ([ smaller, ] bigger)" />;
}

export interface Action {
  id: string;
  label: string;
  shortcut: string;
  disabled?: boolean;
  run: () => void;
}

export function ActionButtons({ label, actions }: { label: string; actions: Action[] }) {
  return (
    <div className="editor-group" role="group" aria-label={label}>
      {actions.map((a) => (
        <button key={a.id} type="button" className="editor-button" data-testid={`editor-${a.id}`} title={`${a.label} (${a.shortcut})`} aria-keyshortcuts={a.shortcut} disabled={a.disabled} onClick={a.run}>
          {a.label}
        </button>
      ))}
    </div>
  );
}
