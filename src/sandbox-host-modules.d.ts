// The two modules the Express document sandbox provides at run time (webpack keeps them external,
// see webpack.config.js). The SDK's own ambient declarations re-export subpaths its package.json
// does not export, which moduleResolution "Bundler" cannot resolve; these point at the exported ones.
declare module "add-on-sdk-document-sandbox" {
  export * from "@adobe/ccweb-add-on-sdk-types/add-on-sdk-document-sandbox";
  export { default } from "@adobe/ccweb-add-on-sdk-types/add-on-sdk-document-sandbox";
}

declare module "express-document-sdk" {
  export * from "@adobe/ccweb-add-on-sdk-types/express-document-sdk";
}
