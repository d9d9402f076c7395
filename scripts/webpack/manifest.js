// The add-on manifest is validated with Adobe's own validator (@adobe/ccweb-add-on-manifest) when
// it is copied into dist/, so an invalid manifest fails the build instead of failing in Express.
import { AddOnManifestValidator } from "@adobe/ccweb-add-on-manifest";

/**
 * Runs both of Adobe's checks: the developer-workflow schema (what Express's add-on development
 * mode applies; requires testId) and the marketplace schema (what submission applies).
 * @returns {string[]} one line per problem; empty when valid
 */
export function manifestProblems(manifest) {
  const problems = [];
  for (const isDeveloperAddOn of [true, false]) {
    const result = new AddOnManifestValidator().validateManifestSchema(manifest, {
      sourceId: "local-generative-fill",
      privileged: false,
      isDeveloperAddOn,
    });
    if (result.success) continue;
    const schema = isDeveloperAddOn ? "developer" : "marketplace";
    for (const error of result.errorDetails ?? [{ message: "rejected without details" }]) {
      problems.push(`${schema} schema: ${error.instancePath || "/"} ${error.message ?? error.keyword ?? "invalid"}`);
    }
  }
  return problems;
}

/** CopyWebpackPlugin transform: parse, validate, check the version matches package.json. */
export function checkedManifest(content, packageVersion) {
  let manifest;
  try {
    manifest = JSON.parse(content.toString("utf8"));
  } catch (cause) {
    throw new Error(`manifest.json is not valid JSON: ${cause.message}`);
  }
  const problems = manifestProblems(manifest);
  if (manifest.version !== packageVersion) {
    problems.push(`version ${manifest.version} differs from package.json's ${packageVersion}; keep them equal`);
  }
  if (problems.length > 0) throw new Error(`manifest.json is invalid:\n  ${problems.join("\n  ")}`);
  return JSON.stringify(manifest, null, 2) + "\n";
}
