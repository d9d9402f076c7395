/**
 * Conservative local bounds of SVG path data (end points and control points; arcs add a
 * margin around their end points). The fake's PathNode.boundsLocal needs it; exact curve extrema are
 * not needed because callers only use bounds to size a region.
 */
export function pathBounds(d: string): { x: number; y: number; width: number; height: number } {
  const tokens = d.match(/[a-zA-Z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/g) ?? [];
  const xs: number[] = [];
  const ys: number[] = [];
  let i = 0;
  let cmd = "";
  let cx = 0;
  let cy = 0;
  let sx = 0;
  let sy = 0;
  const num = (): number => {
    const v = Number(tokens[i++]);
    if (!Number.isFinite(v)) throw new Error(`createPath: bad number in path data "${d}".`);
    return v;
  };
  const add = (x: number, y: number): void => {
    xs.push(x);
    ys.push(y);
  };
  while (i < tokens.length) {
    if (/[a-zA-Z]/.test(tokens[i])) cmd = tokens[i++];
    const rel = cmd === cmd.toLowerCase();
    const ox = rel ? cx : 0;
    const oy = rel ? cy : 0;
    switch (cmd.toUpperCase()) {
      case "M":
      case "L":
      case "T": {
        cx = ox + num();
        cy = oy + num();
        if (cmd.toUpperCase() === "M") [sx, sy] = [cx, cy];
        add(cx, cy);
        if (cmd === "M") cmd = "L";
        if (cmd === "m") cmd = "l";
        break;
      }
      case "H":
        cx = ox + num();
        add(cx, cy);
        break;
      case "V":
        cy = oy + num();
        add(cx, cy);
        break;
      case "C":
      case "S":
      case "Q": {
        const pairs = cmd.toUpperCase() === "C" ? 3 : 2;
        for (let p = 0; p < pairs; p++) {
          const x = ox + num();
          const y = oy + num();
          add(x, y);
          if (p === pairs - 1) [cx, cy] = [x, y];
        }
        break;
      }
      case "A": {
        const rx = Math.abs(num());
        const ry = Math.abs(num());
        i += 3; // rotation, large-arc, sweep
        const x = ox + num();
        const y = oy + num();
        // Every point of the arc lies within 2·max(radius, half chord) of either end point.
        const r = 2 * Math.max(rx, ry, Math.hypot(x - cx, y - cy) / 2);
        add(cx - r, cy - r);
        add(cx + r, cy + r);
        add(x - r, y - r);
        add(x + r, y + r);
        [cx, cy] = [x, y];
        break;
      }
      case "Z":
        [cx, cy] = [sx, sy];
        break;
      default:
        throw new Error(`createPath: unsupported path command "${cmd}" in "${d}".`);
    }
  }
  if (xs.length === 0) throw new Error(`createPath: empty path data "${d}".`);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}
