/**
 * Compile-time guard for everything that crosses the panel ↔ sandbox bridge.
 *
 * Express clones arguments and results between the two runtimes. Only primitives, plain objects,
 * arrays, ArrayBuffer, Blob and Error survive that trip; a function, a class instance (Map, Date,
 * a node object) or a typed array either throws at runtime or arrives mangled. `BridgeSafe<T>`
 * rewrites T so that every unsafe part becomes `never`; a type equals its BridgeSafe version only
 * when it is entirely safe. `UnsafeMembers<Api>` names the methods that break the rule, so the
 * assertion at the bottom of sandbox-api.ts fails `tsc` with the culprit's name.
 */

type BridgePrimitive = string | number | boolean | bigint | null | undefined | void;

/** Typed arrays and DataView are ArrayBuffer-like in TypeScript's structural typing: reject them. */
type BinaryView = ArrayBufferView;

/**
 * Blob, described by its members rather than the global name: in the sandbox build (no DOM lib)
 * `Blob` may be an empty placeholder interface that every object would match.
 */
interface BlobLike {
  readonly size: number;
  readonly type: string;
  arrayBuffer(): Promise<ArrayBuffer>;
  text(): Promise<string>;
}

export type BridgeSafe<T> = T extends BridgePrimitive
  ? T
  : T extends (...args: never[]) => unknown
    ? never
    : T extends symbol
      ? never
      : T extends BinaryView
        ? never
        : T extends ArrayBuffer
          ? T
          : T extends BlobLike
            ? T
            : T extends Error
              ? T
              : T extends readonly unknown[]
                ? { [I in keyof T]: BridgeSafe<T[I]> }
                : T extends object
                  ? { [K in keyof T]: BridgeSafe<T[K]> }
                  : never;

/** true when every part of T may cross the bridge. `unknown` is rejected: say what the value is. */
export type IsBridgeSafe<T> = unknown extends T ? false : [T] extends [BridgeSafe<T>] ? true : false;

/** Names of Api's members whose parameters or (awaited) result may not cross the bridge. */
export type UnsafeMembers<Api> = {
  [K in keyof Api]-?: Api[K] extends (...args: infer A) => infer R
    ? IsBridgeSafe<A> extends true
      ? IsBridgeSafe<Awaited<R>> extends true
        ? never
        : K
      : K
    : K; // non-method members are not callable through the proxy as values we control
}[keyof Api];

/**
 * Use as `AssertNoUnsafeMembers<UnsafeMembers<Api>>`: fails to compile, naming the offending
 * members ("Type '\"insertLayer\"' does not satisfy the constraint 'never'"), when Api has one.
 */
export type AssertNoUnsafeMembers<Unsafe extends never> = Unsafe;

/**
 * How the other runtime sees an exposed API: every call goes through postMessage, so every method
 * returns a Promise. The SDK declares such a type but does not export it.
 */
export type Remote<Api> = {
  [K in keyof Api]: Api[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};
