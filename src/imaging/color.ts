/**
 * sRGB (D65) ↔ CIE L*a*b* and colour differences. Lab is where colour statistics are matched:
 * its axes are roughly perceptually uniform and decorrelated, so per-channel mean/std transfer
 * behaves (Reinhard et al. 2001 use lαβ for the same reason).
 */

const WHITE_X = 0.95047, WHITE_Y = 1.0, WHITE_Z = 1.08883;
const EPSILON = 216 / 24389;
const KAPPA = 24389 / 27;

/** sRGB byte → linear light, exact per byte. */
const SRGB_TO_LINEAR = new Float32Array(256);
for (let i = 0; i < 256; i++) {
  const v = i / 255;
  SRGB_TO_LINEAR[i] = v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
}

function labFExact(t: number): number {
  return t > EPSILON ? Math.cbrt(t) : (KAPPA * t + 16) / 116;
}

/** labF by linear interpolation on [0, 1] (all in-gamut XYZ/white); cbrt dominated the conversion. */
const F_STEPS = 8192;
const LAB_F = new Float64Array(F_STEPS + 2);
for (let i = 0; i <= F_STEPS + 1; i++) LAB_F[i] = labFExact(i / F_STEPS);

function labF(t: number): number {
  if (!(t >= 0 && t < 1)) return labFExact(t);
  const f = t * F_STEPS;
  const i = f | 0;
  return LAB_F[i] + (LAB_F[i + 1] - LAB_F[i]) * (f - i);
}
function labFInv(f: number): number {
  const f3 = f * f * f;
  return f3 > EPSILON ? f3 : (116 * f - 16) / KAPPA;
}
function linearToSrgbExact(v: number): number {
  const c = v <= 0.0031308 ? 12.92 * v : 1.055 * Math.pow(v, 1 / 2.4) - 0.055;
  return c * 255;
}

/**
 * linear → sRGB (0..255) by linear interpolation in a 4096-step table: Math.pow per channel was
 * the hot spot of colour matching; the table's error is < 0.01 of an 8-bit level.
 */
const LINEAR_STEPS = 4096;
const LINEAR_TO_SRGB = new Float64Array(LINEAR_STEPS + 2);
for (let i = 0; i <= LINEAR_STEPS + 1; i++) LINEAR_TO_SRGB[i] = linearToSrgbExact(Math.min(1, i / LINEAR_STEPS));

function linearToSrgb(v: number): number {
  if (v >= 1) return v === 1 ? 255 : linearToSrgbExact(v);
  const f = v * LINEAR_STEPS;
  const i = f | 0;
  return LINEAR_TO_SRGB[i] + (LINEAR_TO_SRGB[i + 1] - LINEAR_TO_SRGB[i]) * (f - i);
}

/** One sRGB colour (0..255 per channel) → [L, a, b]. */
export function rgbToLab(r: number, g: number, b: number): [number, number, number] {
  const out = new Float32Array(3);
  rgbToLabInto(SRGB_TO_LINEAR[r & 255], SRGB_TO_LINEAR[g & 255], SRGB_TO_LINEAR[b & 255], out, 0);
  return [out[0], out[1], out[2]];
}

function rgbToLabInto(lr: number, lg: number, lb: number, out: Float32Array, o: number): void {
  const x = (0.4124564 * lr + 0.3575761 * lg + 0.1804375 * lb) / WHITE_X;
  const y = (0.2126729 * lr + 0.7151522 * lg + 0.072175 * lb) / WHITE_Y;
  const z = (0.0193339 * lr + 0.119192 * lg + 0.9503041 * lb) / WHITE_Z;
  const fx = labF(x), fy = labF(y), fz = labF(z);
  out[o] = 116 * fy - 16;
  out[o + 1] = 500 * (fx - fy);
  out[o + 2] = 200 * (fy - fz);
}

/** Lab of pixel i of RGBA bytes into out[o..o+2]. */
export function pixelToLab(data: Uint8ClampedArray, i: number, out: Float32Array, o: number): void {
  rgbToLabInto(SRGB_TO_LINEAR[data[4 * i]], SRGB_TO_LINEAR[data[4 * i + 1]], SRGB_TO_LINEAR[data[4 * i + 2]], out, o);
}

/** RGBA bytes → Lab, [N, 3] float32 (alpha ignored). */
export function rgbaToLab(data: Uint8ClampedArray): Float32Array {
  const n = data.length / 4;
  const out = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) {
    rgbToLabInto(SRGB_TO_LINEAR[data[4 * i]], SRGB_TO_LINEAR[data[4 * i + 1]], SRGB_TO_LINEAR[data[4 * i + 2]], out, 3 * i);
  }
  return out;
}

/** Lab → sRGB bytes written into rgba[4i..4i+2] (alpha untouched); out-of-gamut values clip. */
export function labToRgbaInto(lab: Float32Array, i: number, rgba: Uint8ClampedArray): void {
  labValuesToRgbaInto(lab[3 * i], lab[3 * i + 1], lab[3 * i + 2], rgba, i);
}

export function labValuesToRgbaInto(L: number, A: number, B: number, rgba: Uint8ClampedArray, i: number): void {
  const fy = (L + 16) / 116;
  const fx = fy + A / 500;
  const fz = fy - B / 200;
  const x = labFInv(fx) * WHITE_X, y = labFInv(fy) * WHITE_Y, z = labFInv(fz) * WHITE_Z;
  const lr = 3.2404542 * x - 1.5371385 * y - 0.4985314 * z;
  const lg = -0.969266 * x + 1.8760108 * y + 0.041556 * z;
  const lb = 0.0556434 * x - 0.2040259 * y + 1.0572252 * z;
  rgba[4 * i] = linearToSrgb(Math.max(0, lr));
  rgba[4 * i + 1] = linearToSrgb(Math.max(0, lg));
  rgba[4 * i + 2] = linearToSrgb(Math.max(0, lb));
}

export type Lab = readonly [number, number, number];

/** CIE76: Euclidean distance in Lab. ~2.3 is a just-noticeable difference. */
export function deltaE76(p: Lab, q: Lab): number {
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

/** CIEDE2000 (Sharma, Wu, Dalal 2005 formulation), kL = kC = kH = 1. */
export function deltaE2000(p: Lab, q: Lab): number {
  const [L1, a1, b1] = p;
  const [L2, a2, b2] = q;
  const rad = Math.PI / 180;
  const C1 = Math.hypot(a1, b1), C2 = Math.hypot(a2, b2);
  const Cm = (C1 + C2) / 2;
  const G = 0.5 * (1 - Math.sqrt(Cm ** 7 / (Cm ** 7 + 25 ** 7)));
  const a1p = (1 + G) * a1, a2p = (1 + G) * a2;
  const C1p = Math.hypot(a1p, b1), C2p = Math.hypot(a2p, b2);
  const hue = (b: number, a: number): number => {
    if (a === 0 && b === 0) return 0;
    const h = Math.atan2(b, a) / rad;
    return h < 0 ? h + 360 : h;
  };
  const h1p = hue(b1, a1p), h2p = hue(b2, a2p);
  const dLp = L2 - L1;
  const dCp = C2p - C1p;
  let dhp = 0;
  if (C1p * C2p !== 0) {
    dhp = h2p - h1p;
    if (dhp > 180) dhp -= 360;
    else if (dhp < -180) dhp += 360;
  }
  const dHp = 2 * Math.sqrt(C1p * C2p) * Math.sin((dhp / 2) * rad);
  const Lmp = (L1 + L2) / 2;
  const Cmp = (C1p + C2p) / 2;
  let hmp = h1p + h2p;
  if (C1p * C2p !== 0) {
    if (Math.abs(h1p - h2p) > 180) hmp = h1p + h2p < 360 ? (h1p + h2p + 360) / 2 : (h1p + h2p - 360) / 2;
    else hmp = (h1p + h2p) / 2;
  }
  const T = 1 - 0.17 * Math.cos((hmp - 30) * rad) + 0.24 * Math.cos(2 * hmp * rad) + 0.32 * Math.cos((3 * hmp + 6) * rad) - 0.2 * Math.cos((4 * hmp - 63) * rad);
  const dTheta = 30 * Math.exp(-(((hmp - 275) / 25) ** 2));
  const Rc = 2 * Math.sqrt(Cmp ** 7 / (Cmp ** 7 + 25 ** 7));
  const Sl = 1 + (0.015 * (Lmp - 50) ** 2) / Math.sqrt(20 + (Lmp - 50) ** 2);
  const Sc = 1 + 0.045 * Cmp;
  const Sh = 1 + 0.015 * Cmp * T;
  const Rt = -Math.sin(2 * dTheta * rad) * Rc;
  return Math.sqrt((dLp / Sl) ** 2 + (dCp / Sc) ** 2 + (dHp / Sh) ** 2 + Rt * (dCp / Sc) * (dHp / Sh));
}
