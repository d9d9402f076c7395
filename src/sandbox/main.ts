/**
 * Entry of the document sandbox script (dist/sandbox.js, manifest "documentSandbox").
 * PROVISIONAL: until the sandbox API lands this only proves the bundle shape (ES module, SDK
 * modules external); it will call exposeSandboxApi({ editor, constants }, runtime).
 */
/// <reference path="../sandbox-host-modules.d.ts" />
import addOnSandboxSdk from "add-on-sdk-document-sandbox";
import { editor } from "express-document-sdk";

addOnSandboxSdk.instance.runtime.exposeApi({
  getSelection: () => ({ type: "unsupported", revision: 0, reason: "no-document", message: `${editor.context.selection.length} node(s) selected` }),
});
