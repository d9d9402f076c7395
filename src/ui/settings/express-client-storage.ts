/**
 * SettingsStorage on Express's per-add-on client storage (IndexedDB-backed, survives panel resets
 * and reloads). Imported only by the Express entry (main.tsx): the playground has no UI SDK.
 */
/// <reference path="../../../node_modules/@adobe/ccweb-add-on-sdk-types/add-on-ui-sdk.d.ts" />
import addOnUISdk from "https://new.express.adobe.com/static/add-on-sdk/sdk.js";
import { SETTINGS_KEY, type SettingsStorage } from "./settings-storage";

export function createExpressClientStorage(key = SETTINGS_KEY): SettingsStorage {
  return {
    async load() {
      await addOnUISdk.ready;
      const value = await addOnUISdk.instance.clientStorage.getItem(key);
      return value ?? undefined;
    },
    async save(value) {
      await addOnUISdk.ready;
      await addOnUISdk.instance.clientStorage.setItem(key, value as never);
    },
  };
}
