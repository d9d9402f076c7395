/** Everything the panel and the sandbox share. The sandbox talks to ui/ only through these types. */
export * from "./bridge-safe";
export * from "./errors";
export * from "./generation-record";
export * from "./aspect-ratio";
export * from "./geometry";
export * from "./sandbox-api";
export * from "./selection";
