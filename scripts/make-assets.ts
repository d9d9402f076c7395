/**
 * Draws the add-on's icons and the playground's demo photo, procedurally, so the repository holds
 * no image whose licence we would have to track. Output is deterministic: re-running it must leave
 * `git status` clean.
 *
 *   npx tsx scripts/make-assets.ts
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { PNG } from "pngjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

type Rgba = [number, number, number, number];
type Shader = (x: number, y: number) => Rgba; // x, y in [0, 1)

/** Renders a shader with 4×4 supersampling so edges are antialiased. */
function render(width: number, height: number, shade: Shader): PNG {
  const png = new PNG({ width, height });
  const samples = 4;
  for (let py = 0; py < height; py++) {
    for (let px = 0; px < width; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const [r, g, b, a] = shade((px + (sx + 0.5) / samples) / width, (py + (sy + 0.5) / samples) / height);
          // Accumulate premultiplied so transparent samples do not darken edges.
          sum[0] += r * a; sum[1] += g * a; sum[2] += b * a; sum[3] += a;
        }
      }
      const i = (py * width + px) * 4;
      const alpha = sum[3] / (samples * samples);
      png.data[i] = alpha > 0 ? Math.round(sum[0] / sum[3]) : 0;
      png.data[i + 1] = alpha > 0 ? Math.round(sum[1] / sum[3]) : 0;
      png.data[i + 2] = alpha > 0 ? Math.round(sum[2] / sum[3]) : 0;
      png.data[i + 3] = Math.round(alpha * 255);
    }
  }
  return png;
}

const mix = (a: number, b: number, t: number) => a + (b - a) * t;
const mixRgb = (a: number[], b: number[], t: number): [number, number, number] => [mix(a[0], b[0], t), mix(a[1], b[1], t), mix(a[2], b[2], t)];

/** Rounded square, violet→orange diagonal gradient, white four-pointed sparkle. */
const iconShader: Shader = (x, y) => {
  const radius = 0.22;
  const dx = Math.max(Math.abs(x - 0.5) - (0.5 - radius), 0);
  const dy = Math.max(Math.abs(y - 0.5) - (0.5 - radius), 0);
  if (dx * dx + dy * dy > radius * radius) return [0, 0, 0, 0];
  // Sparkle: |u|^p + |v|^p < 1 with p < 1 gives concave four-pointed star.
  const u = (x - 0.47) / 0.3;
  const v = (y - 0.53) / 0.3;
  if (Math.pow(Math.abs(u), 0.5) + Math.pow(Math.abs(v), 0.5) < 1) return [255, 255, 255, 1];
  const su = (x - 0.74) / 0.11;
  const sv = (y - 0.26) / 0.11;
  if (Math.pow(Math.abs(su), 0.5) + Math.pow(Math.abs(sv), 0.5) < 1) return [255, 255, 255, 1];
  return [...mixRgb([108, 62, 230], [250, 128, 60], (x + y) / 2), 1];
};

/** A small landscape: sky, sun, two hill ridges, a lake; something worth inpainting. */
const demoPhotoShader: Shader = (x, y) => {
  const ridgeFar = 0.52 + 0.06 * Math.sin(x * 7.1 + 1.3) + 0.03 * Math.sin(x * 17.3);
  const ridgeNear = 0.66 + 0.05 * Math.sin(x * 4.3 + 2.1) + 0.02 * Math.sin(x * 23.0 + 0.4);
  const shore = 0.84 + 0.015 * Math.sin(x * 11.0);
  const grain = 0.04 * Math.sin(x * 311.7 + y * 97.3) * Math.sin(y * 271.1 - x * 53.9);
  if (y > shore) {
    const sky = mixRgb([70, 120, 200], [250, 190, 140], 1 - (y - shore) / (1 - shore));
    return [...mixRgb(sky, [30, 60, 110], 0.45 + 0.6 * (y - shore)), 1];
  }
  if (y > ridgeNear) return [...mixRgb([60, 110, 50], [30, 70, 35], (y - ridgeNear) / 0.2 + grain), 1];
  if (y > ridgeFar) return [...mixRgb([110, 130, 150], [80, 110, 100], (y - ridgeFar) / 0.15 + grain), 1];
  const sunDistance = Math.hypot((x - 0.7) * 1.5, y - 0.35);
  if (sunDistance < 0.07) return [255, 236, 180, 1];
  const sky = mixRgb([70, 120, 200], [250, 190, 140], y / ridgeFar);
  return [...mixRgb(sky, [255, 220, 170], Math.max(0, 0.35 - sunDistance) * 1.5), 1];
};

function write(relativePath: string, png: PNG): void {
  const path = resolve(root, relativePath);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, PNG.sync.write(png, { colorType: 6 }));
  console.log(`wrote ${relativePath} (${png.width}×${png.height})`);
}

for (const size of [24, 48, 96, 144, 192]) write(`assets/icons/icon-${size}.png`, render(size, size, iconShader));
write("assets/playground/demo-photo.png", render(768, 512, demoPhotoShader));
