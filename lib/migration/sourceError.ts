/**
 * Why a legacy source cannot be read, with the exit code the command answers: 2 for input the
 * operator has to change (missing, unknown layout or version, unknown collection), 3 for a source
 * that another process holds (locked, or left mid-write): retry once that process is stopped.
 */
export class MigrationSourceError extends Error {
  constructor(
    message: string,
    readonly exitCode: 2 | 3 = 2,
  ) {
    super(message);
    this.name = "MigrationSourceError";
  }
}
