/**
 * Entry of the document sandbox script (dist/sandbox.js, manifest "documentSandbox"). Both imports
 * are provided by Express at run time (webpack keeps them external); everything else is bundled.
 */
/// <reference path="../sandbox-host-modules.d.ts" />
import addOnSandboxSdk from "add-on-sdk-document-sandbox";
import { constants, editor } from "express-document-sdk";
import { exposeSandboxApi } from "./expose";

exposeSandboxApi(addOnSandboxSdk.instance.runtime, { editor, constants });
