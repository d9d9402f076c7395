import { existsSync } from "node:fs";
import { chromium, type Browser, type BrowserContext } from "playwright-core";

/** Debian's Chromium; `.ci/run` installs it when absent. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export interface LaunchOptions {
  /** Expose WebGPU (SwiftShader here). Off simulates a machine without WebGPU. */
  webgpu?: boolean;
}

/**
 * Headless Chromium as the tests need it: no background networking (this machine has no network
 * and Chromium would otherwise retry lookups), a fresh profile (playwright's default), WebGPU on request.
 */
export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({ executablePath: checkedPath(), headless: true, args: chromiumArgs(options) });
}

/**
 * The same Chromium with a profile on disk: its storage quota is a share of the disk, where a
 * fresh in-memory profile's is a few GB (tests that place a multi-GB model in OPFS need this).
 */
export async function launchPersistentChromium(userDataDir: string, options: LaunchOptions = {}): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, { executablePath: checkedPath(), headless: true, args: chromiumArgs(options) });
}

function checkedPath(): string {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: run 'apt-get install -y chromium' (the CI script does).`);
  }
  return CHROMIUM_PATH;
}

function chromiumArgs(options: LaunchOptions): string[] {
  const webgpu = options.webgpu ?? true;
  const args = [
    "--no-sandbox",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ];
  if (webgpu) args.push("--enable-unsafe-webgpu", "--enable-features=Vulkan", "--use-angle=swiftshader", "--use-webgpu-adapter=swiftshader");
  else args.push("--disable-gpu", "--disable-webgpu");
  return args;
}
