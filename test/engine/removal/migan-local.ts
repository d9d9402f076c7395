/**
 * The MI-GAN twin as if on the Hub: a real HTTP server on 127.0.0.1 serving it (with a Hub-style
 * listing, so size and sha256 are checked as for the real file) and the product's MI-GAN entry
 * pointed at it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { getCatalogue, parseCatalogue } from "../../../src/engine/models/catalogue";
import type { Catalogue } from "../../../src/engine/models/catalogue-types";
import { MIGAN_TWIN_DIR, MIGAN_TWIN_FILE } from "../../../scripts/twins/make-migan-twin";
import { startModelServer, type ModelServer } from "../models/model-server";

export const MIGAN_MODEL_ID = "migan-512-places2";
export const twinBytes = new Uint8Array(readFileSync(join(MIGAN_TWIN_DIR, MIGAN_TWIN_FILE)));

export function startMiganServer(): Promise<ModelServer> {
  return startModelServer(new Map([[`/migan/${MIGAN_TWIN_FILE}`, twinBytes]]));
}

/** A catalogue holding only the product's MI-GAN entry, its file on the local server. */
export function localMigan(origin: string): Catalogue {
  const model = structuredClone(getCatalogue().models.find((m) => m.id === MIGAN_MODEL_ID)!);
  model.source = { ...model.source, host: "test", endpoint: origin };
  for (const file of model.variants[0].files) Object.assign(file, { url: `${origin}/migan/${file.path}`, size: twinBytes.length, sha256: null, hashPinned: false });
  return parseCatalogue({ version: 1, allowedHosts: [new URL(origin).host], models: [model] });
}
