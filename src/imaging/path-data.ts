/**
 * SVG path data parser: M L H V C S Q T A Z, absolute and relative, with the SVG number grammar
 * (signs and dots as separators, exponents, arc flags written without separators like "a1 1 0 00 1 1").
 * Output is absolute, with H/V as L and S/T expanded to C/Q, so the flattener needs no state.
 */
import { PathSyntaxError } from "./errors";

export type PathSegment =
  | { type: "M"; x: number; y: number }
  | { type: "L"; x: number; y: number }
  | { type: "C"; x1: number; y1: number; x2: number; y2: number; x: number; y: number }
  | { type: "Q"; x1: number; y1: number; x: number; y: number }
  | { type: "A"; rx: number; ry: number; angle: number; largeArc: boolean; sweep: boolean; x: number; y: number }
  | { type: "Z" };

const ARG_COUNT: Record<string, number> = { M: 2, L: 2, H: 1, V: 1, C: 6, S: 4, Q: 4, T: 2, A: 7, Z: 0 };

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c;
}
function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

class Scanner {
  pos = 0;
  constructor(readonly s: string) {}

  skipSeparators(): void {
    const s = this.s;
    while (this.pos < s.length && (isWs(s.charCodeAt(this.pos)) || s.charCodeAt(this.pos) === 0x2c)) this.pos++;
  }
  skipWs(): void {
    while (this.pos < this.s.length && isWs(this.s.charCodeAt(this.pos))) this.pos++;
  }
  atEnd(): boolean {
    return this.pos >= this.s.length;
  }
  /** True when the next token starts a number (so a command's arguments repeat implicitly). */
  atNumber(): boolean {
    const c = this.s.charCodeAt(this.pos);
    return isDigit(c) || c === 0x2b || c === 0x2d || c === 0x2e;
  }

  number(): number {
    const s = this.s;
    const start = this.pos;
    let p = this.pos;
    if (s[p] === "+" || s[p] === "-") p++;
    let digits = 0;
    while (p < s.length && isDigit(s.charCodeAt(p))) (p++, digits++);
    if (s[p] === ".") {
      p++;
      while (p < s.length && isDigit(s.charCodeAt(p))) (p++, digits++);
    }
    if (digits === 0) throw new PathSyntaxError(`expected a number, found ${JSON.stringify(s.slice(start, start + 8) || "end of data")}`, start);
    if (s[p] === "e" || s[p] === "E") {
      let q = p + 1;
      if (s[q] === "+" || s[q] === "-") q++;
      if (isDigit(s.charCodeAt(q))) {
        while (q < s.length && isDigit(s.charCodeAt(q))) q++;
        p = q;
      }
    }
    this.pos = p;
    const v = Number(s.slice(start, p));
    if (!Number.isFinite(v)) throw new PathSyntaxError(`number out of range`, start);
    return v;
  }

  /** Arc flags are a single 0 or 1 and need no separator after them. */
  flag(): boolean {
    const c = this.s[this.pos];
    if (c !== "0" && c !== "1") throw new PathSyntaxError(`expected an arc flag 0 or 1, found ${JSON.stringify(c ?? "end of data")}`, this.pos);
    this.pos++;
    return c === "1";
  }
}

export function parsePathData(d: string): PathSegment[] {
  const sc = new Scanner(d);
  const out: PathSegment[] = [];
  let cx = 0, cy = 0; // current point
  let sx = 0, sy = 0; // subpath start
  let lastCubicCtrl: [number, number] | null = null; // for S
  let lastQuadCtrl: [number, number] | null = null; // for T
  let cmd = "";
  sc.skipWs();
  while (true) {
    sc.skipSeparators();
    if (sc.atEnd()) break;
    const ch = d[sc.pos];
    if (/[MLHVCSQTAZmlhvcsqtaz]/.test(ch)) {
      cmd = ch;
      sc.pos++;
    } else if (!cmd || !sc.atNumber() || cmd === "Z" || cmd === "z") {
      throw new PathSyntaxError(`unexpected ${JSON.stringify(ch)}`, sc.pos);
    } // else: implicit repetition of the previous command
    if (out.length === 0 && cmd !== "M" && cmd !== "m") throw new PathSyntaxError(`path data must start with M or m, found ${JSON.stringify(cmd)}`, sc.pos - 1);
    const upper = cmd.toUpperCase();
    const rel = cmd !== upper;
    const ox = rel ? cx : 0;
    const oy = rel ? cy : 0;
    if (ARG_COUNT[upper] > 0) sc.skipSeparators();
    const next = (): number => {
      sc.skipSeparators();
      return sc.number();
    };
    let cubicCtrl: [number, number] | null = null;
    let quadCtrl: [number, number] | null = null;
    switch (upper) {
      case "M": {
        cx = ox + next();
        cy = oy + next();
        sx = cx;
        sy = cy;
        out.push({ type: "M", x: cx, y: cy });
        cmd = rel ? "l" : "L"; // further pairs are line-tos
        break;
      }
      case "L":
        cx = ox + next();
        cy = oy + next();
        out.push({ type: "L", x: cx, y: cy });
        break;
      case "H":
        cx = ox + next();
        out.push({ type: "L", x: cx, y: cy });
        break;
      case "V":
        cy = (rel ? cy : 0) + next();
        out.push({ type: "L", x: cx, y: cy });
        break;
      case "C": {
        const x1 = ox + next(), y1 = oy + next(), x2 = ox + next(), y2 = oy + next();
        cx = ox + next();
        cy = oy + next();
        out.push({ type: "C", x1, y1, x2, y2, x: cx, y: cy });
        cubicCtrl = [x2, y2];
        break;
      }
      case "S": {
        const x1: number = lastCubicCtrl ? 2 * cx - lastCubicCtrl[0] : cx;
        const y1: number = lastCubicCtrl ? 2 * cy - lastCubicCtrl[1] : cy;
        const x2 = ox + next(), y2 = oy + next();
        cx = ox + next();
        cy = oy + next();
        out.push({ type: "C", x1, y1, x2, y2, x: cx, y: cy });
        cubicCtrl = [x2, y2];
        break;
      }
      case "Q": {
        const x1 = ox + next(), y1 = oy + next();
        cx = ox + next();
        cy = oy + next();
        out.push({ type: "Q", x1, y1, x: cx, y: cy });
        quadCtrl = [x1, y1];
        break;
      }
      case "T": {
        const x1: number = lastQuadCtrl ? 2 * cx - lastQuadCtrl[0] : cx;
        const y1: number = lastQuadCtrl ? 2 * cy - lastQuadCtrl[1] : cy;
        cx = ox + next();
        cy = oy + next();
        out.push({ type: "Q", x1, y1, x: cx, y: cy });
        quadCtrl = [x1, y1];
        break;
      }
      case "A": {
        const rx = Math.abs(next()), ry = Math.abs(next()), angle = next();
        sc.skipSeparators();
        const largeArc = sc.flag();
        sc.skipSeparators();
        const sweep = sc.flag();
        cx = ox + next();
        cy = oy + next();
        out.push({ type: "A", rx, ry, angle, largeArc, sweep, x: cx, y: cy });
        break;
      }
      case "Z":
        out.push({ type: "Z" });
        cx = sx;
        cy = sy;
        break;
    }
    lastCubicCtrl = cubicCtrl;
    lastQuadCtrl = quadCtrl;
  }
  return out;
}
