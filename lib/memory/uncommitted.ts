import type { SessionMemory } from "./session.ts";

/**
 * The session's last committed turn, for the memory pool to enforce the rule below when it opens
 * the session's store. Answers undefined while a turn of the session is in flight (its memories
 * are not committed yet, and not orphans either); throws when the session does not exist, so that
 * opening its memory creates nothing on disk.
 */
export type CommittedTurnLookup = (sessionId: string) => Promise<number | undefined>;

/**
 * THE rule that keeps a session's memories in step with its checkpoints: memories written by a turn
 * after `committedTurn` belong to a turn that never committed (a crash between the memory write and
 * the checkpoint, a failed or cancelled turn, a rewind) and are removed. Returns how many.
 * The pool applies it on every open of a store (so a crash at any instant is repaired before the
 * session's memory is next read), and the turn runner after every failed turn.
 */
export function removeUncommittedMemories(store: SessionMemory, committedTurn: number): Promise<number> {
  return store.discardAfterTurn(committedTurn);
}
