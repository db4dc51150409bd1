import { parseArgs, type ParseArgsConfig } from "node:util";

/** Where a command writes: real stdout/stderr, or buffers in tests. */
export interface CliIO {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
}

export type ParsedCli = { values: Record<string, string | boolean | undefined>; positionals: string[] };

/**
 * Parses a command's flags (every command also takes -h/--help). Returns the parsed values,
 * or the exit code when the command is already answered: 0 after printing the usage for
 * --help, 2 after printing the parse error and the usage.
 */
export function parseCommandArgs(
  args: string[],
  options: NonNullable<ParseArgsConfig["options"]>,
  usage: string,
  io: CliIO,
  allowPositionals = false,
): ParsedCli | number {
  let parsed: ParsedCli;
  try {
    parsed = parseArgs({ args, allowPositionals, strict: true, options: { ...options, help: { type: "boolean", short: "h" } } }) as ParsedCli;
  } catch (err) {
    io.stderr.write(`${(err as Error).message}\n${usage}`);
    return 2;
  }
  if (parsed.values.help) {
    io.stdout.write(usage);
    return 0;
  }
  return parsed;
}
