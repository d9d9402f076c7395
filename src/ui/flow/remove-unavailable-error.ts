/** An engine client with no removal request (an old worker): Remove cannot run, and says what to do. */
export class RemoveUnavailableError extends Error {
  override name = "RemoveUnavailableError";
  constructor() {
    super("This engine has no built-in removal fill: reload the panel, or use Generative fill with an empty prompt.");
  }
}
