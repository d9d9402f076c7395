/** The panel's wording for download failures: its own title and a next step that works. */
import { describe, expect, it } from "vitest";
import { describeFailure } from "../../src/ui/flow/describe-failure";

const named = (name: string, message = "x") => Object.assign(new Error(message), { name });

describe("panel wording for model failures", () => {
  it("tells the user to wait on HTTP 429", () => {
    expect(describeFailure(named("RateLimitedError"), "load")).toMatchObject({ title: "The model host is busy", action: expect.stringMatching(/^Wait a few minutes, then open Models below and press Download again/) });
  });

  it("blames the host, not the connection, on repeated 5xx", () => {
    expect(describeFailure(named("ServerError"), "load").title).toBe("The model host is having problems");
  });

  it("says nothing was kept after a redirect loop or an untrusted redirect", () => {
    expect(describeFailure(named("RedirectError"), "load").action).toMatch(/^Nothing from that address was kept/);
  });

  it("points to freeing storage on a quota failure", () => {
    expect(describeFailure(named("QuotaExceededError"), "load").action).toMatch(/Delete a model you no longer use/);
  });

  it("treats a bad model config value as an unusable model", () => {
    expect(describeFailure(named("ModelConfigError"), "generate").title).toBe("This model can't be used");
  });

  it("keeps the error's own message under the panel's title", () => {
    expect(describeFailure(named("NetworkError", "Could not download x after 5 attempt(s)."), "load")).toMatchObject({ title: "The download stopped", message: "Could not download x after 5 attempt(s)." });
  });
});
