/** Problems Adobe's validator finds (developer and marketplace schemas); empty when valid. */
export function manifestProblems(manifest: unknown): string[];
/** Parses, validates and checks the version against package.json; throws with every problem listed. */
export function checkedManifest(content: Buffer | string, packageVersion: string): string;
