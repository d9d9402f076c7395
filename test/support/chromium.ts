import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

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
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: run 'apt-get install -y chromium' (the CI script does).`);
  }
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
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args });
}
