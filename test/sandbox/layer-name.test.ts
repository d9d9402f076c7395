/**
 * Why kept layers carry no name like "Fill: a red balloon" (issue 19 point 7): the Express document
 * SDK (types 1.40.0) gives no node a name to read or write — only PageNode has `name` (get/set).
 * These type checks fail to compile the day the SDK adds one to layers, which is the moment to use
 * it in the sandbox's insert path and the fake document. The fake's layers expose no name either.
 */
import { describe, expect, it } from "vitest";
import type { BaseNode, GroupNode, MediaContainerNode, Node, PageNode, VisualNode } from "@adobe/ccweb-add-on-sdk-types/express-document-sdk";
import { FakeDocument } from "../../src/playground/fake-express";

type HasName<T> = "name" extends keyof T ? true : false;
type HasSetName<T> = "setName" extends keyof T ? true : false;

// Layers: no `name`, no `setName` anywhere up the class chain (BaseNode → VisualNode → Node → MediaContainerNode).
const layerNames: [HasName<BaseNode>, HasName<VisualNode>, HasName<Node>, HasName<MediaContainerNode>, HasName<GroupNode>] = [false, false, false, false, false];
const layerSetters: [HasSetName<Node>, HasSetName<MediaContainerNode>] = [false, false];
// Pages do have one ("Displayed as a user-editable label above the current artboard").
const pageName: HasName<PageNode> = true;

describe("layer names in Express SDK 1.40", () => {
  it("only pages have a name; the fake document's layers have none, as in Express", () => {
    expect([...layerNames, ...layerSetters, pageName]).toEqual([false, false, false, false, false, false, false, true]);
    const doc = new FakeDocument();
    const page = doc.build.page({ width: 200, height: 200 });
    doc.build.image(page.artboard, { width: 100, height: 50, x: 10, y: 10 });
    const layer = doc.editor.context.currentPage.artboards.first!.children.item(0)!;
    expect("name" in layer).toBe(false);
    expect("setName" in layer).toBe(false);
  });
});
