// Defines constants whose value is a URL under the bundle's public path, resolved at run time.
// With `publicPath: "auto"` webpack computes that path from the URL the chunk was loaded from, so
// the constant is right wherever the add-on is hosted (localhost in development, Adobe's CDN once
// published, /playground/ for the playground) and inside worker chunks too.
import webpack from "webpack";

export class PublicPathConstantPlugin {
  /** @param {Record<string, string>} definitions constant name → path relative to the public path */
  constructor(definitions) {
    this.definitions = definitions;
  }

  apply(compiler) {
    const values = Object.fromEntries(
      // new URL(...) normalises: a worker chunk's public path is ".../chunks/../", which would
      // otherwise leak into the constant. The page/worker location is the base of a relative one.
      Object.entries(this.definitions).map(([name, relative]) => [
        name,
        `(new URL(${JSON.stringify(relative)}, new URL(__webpack_require__.p, globalThis.location.href)).href)`,
      ]),
    );
    new webpack.DefinePlugin(values).apply(compiler);
    // DefinePlugin only pulls in `__webpack_require__`; make sure every runtime also computes `.p`.
    compiler.hooks.thisCompilation.tap("PublicPathConstantPlugin", (compilation) => {
      compilation.hooks.additionalTreeRuntimeRequirements.tap("PublicPathConstantPlugin", (_chunk, requirements) => {
        requirements.add(webpack.RuntimeGlobals.publicPath);
      });
    });
  }
}
