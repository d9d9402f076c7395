/**
 * The bridge-safety check must be able to fail. Two layers:
 *  - `@ts-expect-error` lines below: `tsc -p tsconfig.json` fails if any of them stops being an error;
 *  - a run of the TypeScript compiler on a throw-away API, asserting the diagnostic names the member.
 */
import { describe, expect, it } from "vitest";
import ts from "typescript";
import { resolve } from "node:path";
import type { AssertNoUnsafeMembers, IsBridgeSafe, UnsafeMembers } from "../../src/contract/bridge-safe";
import type { PanelApi, SandboxApi } from "../../src/contract/sandbox-api";

type Expect<T extends true> = T;
type ExpectFalse<T extends false> = T;

// Safe values.
export type SafeCases = [
  Expect<IsBridgeSafe<string>>,
  Expect<IsBridgeSafe<{ a: number; b?: string; c: readonly [number, number]; d: null }>>,
  Expect<IsBridgeSafe<ArrayBuffer>>,
  Expect<IsBridgeSafe<Blob>>,
  Expect<IsBridgeSafe<Error>>,
  Expect<IsBridgeSafe<{ list: { x: number }[]; png: ArrayBuffer | Blob }>>,
  Expect<IsBridgeSafe<void>>,
];

// Unsafe values.
export type UnsafeCases = [
  ExpectFalse<IsBridgeSafe<Uint8Array>>,
  ExpectFalse<IsBridgeSafe<{ pixels: Uint8ClampedArray }>>,
  ExpectFalse<IsBridgeSafe<() => void>>,
  ExpectFalse<IsBridgeSafe<{ onDone: (x: number) => void }>>,
  ExpectFalse<IsBridgeSafe<Map<string, number>>>,
  ExpectFalse<IsBridgeSafe<{ when: Date }>>,
  ExpectFalse<IsBridgeSafe<unknown>>,
  ExpectFalse<IsBridgeSafe<{ tag: symbol }>>,
];

// The real APIs pass.
export type RealApisPass = [
  AssertNoUnsafeMembers<UnsafeMembers<SandboxApi>>,
  AssertNoUnsafeMembers<UnsafeMembers<PanelApi>>,
];

interface BadApi {
  ok(x: number): string;
  takesBytes(bytes: Uint8Array): void;
  returnsCallback(): () => void;
  returnsPromiseOfMap(): Promise<Map<string, string>>;
}
// @ts-expect-error a Uint8Array parameter, a function result and a Map result are rejected
export type BadApiRejected = AssertNoUnsafeMembers<UnsafeMembers<BadApi>>;
export type BadApiMembers = Expect<
  [UnsafeMembers<BadApi>] extends ["takesBytes" | "returnsCallback" | "returnsPromiseOfMap"]
    ? ["takesBytes" | "returnsCallback" | "returnsPromiseOfMap"] extends [UnsafeMembers<BadApi>]
      ? true
      : false
    : false
>;

describe("bridge-safe contract check", () => {
  it("makes tsc name the member when an API signature carries a class instance or a function", () => {
    const root = resolve(import.meta.dirname, "../..");
    const fileName = resolve(root, "test/contract/__virtual_bad_api.ts");
    const source = `
      import type { AssertNoUnsafeMembers, UnsafeMembers } from "../../src/contract/bridge-safe";
      import type { SandboxApi } from "../../src/contract/sandbox-api";
      interface Drifted extends SandboxApi { readPixels(nodeId: string): Uint8Array }
      export type Check = AssertNoUnsafeMembers<UnsafeMembers<Drifted>>;
      export type Fine = AssertNoUnsafeMembers<UnsafeMembers<SandboxApi>>;
    `;
    const options: ts.CompilerOptions = {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
      types: [],
      skipLibCheck: true,
    };
    const host = ts.createCompilerHost(options);
    const readFile = host.readFile.bind(host);
    const fileExists = host.fileExists.bind(host);
    host.readFile = (f) => (resolve(f) === fileName ? source : readFile(f));
    host.fileExists = (f) => resolve(f) === fileName || fileExists(f);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (f, lang) =>
      resolve(f) === fileName ? ts.createSourceFile(f, source, lang) : getSourceFile(f, lang);
    const program = ts.createProgram([fileName], options, host);
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toContain('"readPixels"');
  });
});
