// Empties dist/ before a production build, so files from an older build never ship.
// (Each bundle config shares dist/, so webpack's own output.clean would delete its siblings.)
import { rmSync } from "node:fs";
import { resolve } from "node:path";

const target = resolve(process.argv[2] ?? "dist");
rmSync(target, { recursive: true, force: true });
