/** One rejected field of one input of an `add` call. */
export interface MemoryIssue {
  /** Position of the input in the batch; -1 for an issue with the call itself (e.g. the turn). */
  index: number;
  /** Dotted path inside that input, e.g. "content". */
  path: string;
  message: string;
}

/** Thrown by `add` when any input is invalid; nothing of the batch was written. */
export class MemoryValidationError extends Error {
  readonly issues: MemoryIssue[];

  constructor(issues: MemoryIssue[]) {
    const where = (i: MemoryIssue): string => (i.index < 0 ? i.path : `inputs[${i.index}]${i.path ? "." + i.path : ""}`);
    const list = issues.map((i) => `${where(i)}: ${i.message}`).join("; ");
    super(`invalid memory input (nothing was written): ${list}`);
    this.name = "MemoryValidationError";
    this.issues = issues;
  }
}

/** Thrown when a session's index was built by another embedder than the configured one. */
/** The configured embedder returned vectors of another length than the session's index holds. */
export function dimensionMismatch(sessionId: string, embedder: string, dimension: number, got: number): EmbedderMismatchError {
  return new EmbedderMismatchError(sessionId, { embedder, dimension }, { embedder, dimension: got });
}

export class EmbedderMismatchError extends Error {
  readonly sessionId: string;

  constructor(sessionId: string, stored: { embedder: string; dimension: number }, configured: { embedder: string; dimension?: number }) {
    super(
      `memory of session ${sessionId} was built with embedder "${stored.embedder}" (dimension ${stored.dimension}), ` +
        `but the configured embedder is "${configured.embedder}" (dimension ${configured.dimension ?? "unknown"}). ` +
        `Vectors of different embedders cannot be compared: run \`npx quietstories reembed ${sessionId}\` or start a new session.`,
    );
    this.name = "EmbedderMismatchError";
    this.sessionId = sessionId;
  }
}

/** Thrown when a closed store (e.g. evicted from the pool) is used. */
export class StoreClosedError extends Error {
  constructor(sessionId: string) {
    super(`memory store of session ${sessionId} is closed`);
    this.name = "StoreClosedError";
  }
}
