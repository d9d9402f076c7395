// Dev server settings for the two ways of running the add-on locally:
//   express    — https://localhost:5241, what Express's "Add-on development" mode connects to;
//   playground — http://127.0.0.1:<port>, the standalone page tests and demos use (WebGPU is only
//                exposed to secure contexts; 127.0.0.1 counts as one, a LAN address does not).
import { readFileSync } from "node:fs";

export const EXPRESS_DEV_PORT = 5241;
export const PLAYGROUND_DEFAULT_PORT = 5242;

/** Express loads the panel cross-origin from its own https origin. */
const corsHeaders = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
  "Access-Control-Allow-Headers": "*",
  // Chrome's Private Network Access: a public https page (Express) may only fetch from
  // localhost when the local server opts in.
  "Access-Control-Allow-Private-Network": "true",
  "Cross-Origin-Resource-Policy": "cross-origin",
};

/** Optional trusted certificate (e.g. from mkcert); otherwise webpack-dev-server makes a self-signed one. */
function httpsServer() {
  const cert = process.env.ADDON_TLS_CERT;
  const key = process.env.ADDON_TLS_KEY;
  if (!cert || !key) return { type: "https" };
  return { type: "https", options: { cert: readFileSync(cert), key: readFileSync(key) } };
}

/**
 * @param {{ kind: "express" | "playground", port?: string }} options
 * @returns {import("webpack-dev-server").Configuration}
 */
export function devServerOptions({ kind, port }) {
  const express = kind === "express";
  const host = express ? "localhost" : "127.0.0.1";
  const chosenPort = port === "auto" ? "auto" : Number(port ?? (express ? EXPRESS_DEV_PORT : process.env.PLAYGROUND_PORT ?? PLAYGROUND_DEFAULT_PORT));
  return {
    host,
    port: chosenPort,
    server: express ? httpsServer() : { type: "http" },
    headers: corsHeaders,
    static: false, // everything is served from webpack's output
    compress: false, // gzipping 28 MB of wasm on every load costs more than it saves on localhost
    hot: false,
    liveReload: true,
    client: { overlay: { errors: true, warnings: false }, logging: "warn" },
    onListening(devServer) {
      const address = devServer.server.address();
      const origin = `${express ? "https" : "http"}://${host}:${address.port}`;
      const lines = ["", "  Local Generative Fill dev server"];
      if (express) lines.push(`  Add-on:     ${origin}  (Express → Add-ons → Your add-ons → Add-on development → connect this URL)`);
      lines.push(`  Playground: ${origin}/playground/`, "");
      console.log(lines.join("\n"));
    },
  };
}
