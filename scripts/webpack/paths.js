import path from "node:path";
import { fileURLToPath } from "node:url";

/** Repository root, whatever the current directory is. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The UI SDK as Adobe's templates load it: an ES module on Adobe's CDN, provided by Express. */
export const UI_SDK_URL = "https://new.express.adobe.com/static/add-on-sdk/sdk.js";

/** Modules the document sandbox runtime provides; never bundled. */
export const SANDBOX_HOST_MODULES = ["add-on-sdk-document-sandbox", "express-document-sdk"];

/** Folder, relative to the bundle's public path, holding onnxruntime-web's runtime files. */
export const ORT_RUNTIME_DIR = "ort/";
