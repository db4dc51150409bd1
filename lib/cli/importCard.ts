import { readFile, writeFile } from "node:fs/promises";
import { cardToScenario } from "../cards/mapping.ts";
import { parseCardFile } from "../cards/parse.ts";
import { CARD_LIMITS, CardError } from "../cards/schema.ts";
import { parseCommandArgs, type CliIO } from "./args.ts";

const USAGE = 'usage: quietstories import-card <card.png|card.json> [--player "Name"] [--out scenario.json]\n';

/**
 * `quietstories import-card <file>`: a Character Card (PNG or JSON, V1/V2/V3) as a scenario JSON,
 * on stdout or in `--out`; warnings go to stderr. Exit 0 ok, 1 when the card is refused (the
 * reason on stderr, nothing written), 2 usage error.
 */
export async function runImportCard(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs(args, { player: { type: "string" }, out: { type: "string" } }, USAGE, io, true);
  if (typeof parsed === "number") return parsed;
  const [file, ...extra] = parsed.positionals;
  if (file === undefined || extra.length > 0) {
    io.stderr.write(`${file === undefined ? "missing card file" : `unexpected arguments: ${extra.join(" ")}`}\n${USAGE}`);
    return 2;
  }
  const player = parsed.values.player as string | undefined;
  if (player !== undefined && (!player.trim() || player.length > 80)) {
    io.stderr.write(`--player must be 1 to 80 characters\n${USAGE}`);
    return 2;
  }
  try {
    const bytes = await readFile(file);
    if (bytes.length > CARD_LIMITS.pngBytes) throw new CardError(`the file is larger than ${CARD_LIMITS.pngBytes} bytes`);
    const { card } = parseCardFile(bytes);
    const { scenario, warnings } = cardToScenario(card, { player });
    for (const w of warnings) io.stderr.write(`warning: ${w}\n`);
    const json = `${JSON.stringify(scenario, null, 2)}\n`;
    const out = parsed.values.out as string | undefined;
    if (out) {
      await writeFile(out, json);
      io.stderr.write(`${card.spec} card "${card.data.name}" → ${out}\n`);
    } else io.stdout.write(json);
    return 0;
  } catch (err) {
    const details = err instanceof CardError ? err.details.map((d) => `\n  ${d}`).join("") : "";
    io.stderr.write(`error: ${(err as Error).message}${details}\n`);
    return 1;
  }
}
