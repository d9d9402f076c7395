#!/usr/bin/env node
// Runs bin/genfill.ts through tsx (a devDependency), so the CLI works from a fresh clone after
// `npm install` without a build step.
import { register } from "tsx/esm/api";

register();
await import("./genfill.ts");
