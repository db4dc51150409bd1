/**
 * Model output is untrusted input: this filter sits between the model's content stream and
 * everything downstream (token events, narrative, stored history). It removes reasoning blocks and
 * withholds tool calls written as text, however the chunks split the markers (pure, no I/O).
 *
 * Reasoning, in two forms:
 * - `<think>…</think>` at the start of the content (after whitespace), or after prose (a model that
 *   thinks again mid-answer): the block is reasoning wherever it opens;
 * - only a closing `</think>` (chat templates that open the block in the prompt): everything before
 *   it was reasoning. With `holdUntilClose` the filter withholds all text until `</think>` arrives
 *   (or the stream ends: then it was prose after all). Without it, text streams at once and a late
 *   bare `</think>` moves what came before into the reasoning (`retracted` says so): the narrative
 *   and history stay clean, but those tokens were already shown.
 *
 * Text tool calls: see TEXT_TOOL_MARKERS; their raw text is collected in `toolCallTexts`.
 */

const THINK_OPEN = "<think>";
const THINK_CLOSE = "</think>";

/** Openers of tool calls written as text, with the closer that ends each (undefined = the end of the answer). */
export const TEXT_TOOL_MARKERS: ReadonlyArray<{ open: string; close?: string; format: string }> = [
  { open: "<tool_call>", close: "</tool_call>", format: "Hermes / Qwen: <tool_call>{\"name\":…,\"arguments\":{…}}</tool_call>" },
  { open: "<function=", close: "</function>", format: "Llama 3.1: <function=NAME>{…}</function>" },
  { open: "[TOOL_CALLS]", format: "Mistral: [TOOL_CALLS][{\"name\":…,\"arguments\":{…}}] to the end of the answer" },
  { open: "<|python_tag|>", format: "Llama 3.x: <|python_tag|>{\"name\":…,\"parameters\":{…}} to the end of the answer" },
];

export interface FilterOptions {
  /** Withhold all text until a `</think>` arrives (a model known to open the block in its template). */
  holdUntilClose?: boolean;
}

/** What one push (or the end) released. */
export interface FilterOutput {
  /** Text the player may see now. */
  visible: string;
  /** Reasoning text released now. */
  reasoning: string;
}

type Mode = "start" | "think" | "hold" | "visible" | "tool";

/** Length of the longest suffix of `text` that is a proper prefix of one of `markers`. */
function partialMarkerSuffix(text: string, markers: readonly string[]): number {
  let best = 0;
  for (const marker of markers) {
    for (let n = Math.min(marker.length - 1, text.length); n > best; n--) {
      if (text.endsWith(marker.slice(0, n))) {
        best = n;
        break;
      }
    }
  }
  return best;
}

export class StreamFilter {
  private mode: Mode;
  private pending = "";
  private toolClose: string | undefined;
  private toolText = "";
  /** Whitespace the prose had before a mid-answer think block, put back where the prose resumes. */
  private joinGap: string | undefined;
  private visibleSoFar = "";
  private reasoningSoFar = "";
  /** Raw text of each tool call written as text, marker included. */
  readonly toolCallTexts: string[] = [];
  /** True when a bare `</think>` arrived after text had already been released as visible. */
  retracted = false;
  /** True when a `</think>` without an opening tag was seen (the model's template opens the block). */
  sawBareClose = false;

  constructor(private readonly options: FilterOptions = {}) {
    this.mode = options.holdUntilClose ? "hold" : "start";
  }

  /** All visible text so far (after any retraction). */
  get visibleText(): string {
    return this.visibleSoFar;
  }

  /** All reasoning so far. */
  get reasoningText(): string {
    return this.reasoningSoFar;
  }

  push(text: string): FilterOutput {
    this.pending += text;
    return this.drain(false);
  }

  /** The stream ended: release what was held back. */
  end(): FilterOutput {
    return this.drain(true);
  }

  private drain(final: boolean): FilterOutput {
    const out: FilterOutput = { visible: "", reasoning: "" };
    // Held text with no </think> by the end was prose after all.
    if (final && this.mode === "hold") this.mode = "visible";
    // Each step consumes input or changes mode; stop when one does neither.
    for (;;) {
      const [pending, mode] = [this.pending.length, this.mode];
      this.step(final, out);
      if (this.pending.length === pending && this.mode === mode) break;
    }
    if (final) this.finish(out);
    this.visibleSoFar += out.visible;
    this.reasoningSoFar += out.reasoning;
    return out;
  }

  private step(final: boolean, out: FilterOutput): void {
    switch (this.mode) {
      case "start": {
        const trimmed = this.pending.trimStart();
        if (trimmed.startsWith(THINK_OPEN)) {
          this.pending = trimmed.slice(THINK_OPEN.length);
          this.mode = "think";
        } else if (!final && (trimmed.length === 0 || THINK_OPEN.startsWith(trimmed))) {
          return; // could still become <think>
        } else {
          this.mode = "visible";
        }
        return;
      }
      case "think":
      case "hold": {
        const close = this.pending.indexOf(THINK_CLOSE);
        if (close >= 0) {
          if (this.mode === "hold") this.sawBareClose = true;
          out.reasoning += this.pending.slice(0, close);
          this.pending = this.pending.slice(close + THINK_CLOSE.length);
          this.mode = "visible";
          return;
        }
        if (this.mode === "think") {
          const keep = partialMarkerSuffix(this.pending, [THINK_CLOSE]);
          out.reasoning += this.pending.slice(0, this.pending.length - keep);
          this.pending = this.pending.slice(this.pending.length - keep);
        }
        return;
      }
      case "visible": {
        this.releaseVisible(final, out);
        return;
      }
      case "tool": {
        if (this.toolClose) {
          const close = this.pending.indexOf(this.toolClose);
          if (close >= 0) {
            this.toolText += this.pending.slice(0, close + this.toolClose.length);
            this.pending = this.pending.slice(close + this.toolClose.length);
            this.toolCallTexts.push(this.toolText);
            this.toolText = "";
            this.mode = "visible";
            return;
          }
        }
        const keep = this.toolClose ? partialMarkerSuffix(this.pending, [this.toolClose]) : 0;
        this.toolText += this.pending.slice(0, this.pending.length - keep);
        this.pending = this.pending.slice(this.pending.length - keep);
        return;
      }
    }
  }

  private releaseVisible(final: boolean, out: FilterOutput): void {
    const bareClose = this.pending.indexOf(THINK_CLOSE);
    const opener = TEXT_TOOL_MARKERS.map((m) => ({ m, at: this.pending.indexOf(m.open) }))
      .filter((x) => x.at >= 0)
      .sort((a, b) => a.at - b.at)[0];
    const thinkAt = this.pending.indexOf(THINK_OPEN);
    if (bareClose >= 0 && (!opener || bareClose < opener.at) && (thinkAt < 0 || bareClose < thinkAt)) {
      // Everything before a bare </think> was reasoning, including what was already released.
      this.sawBareClose = true;
      if (this.visibleSoFar.length + out.visible.length > 0) this.retracted = true;
      out.reasoning += this.visibleSoFar + out.visible + this.pending.slice(0, bareClose);
      this.visibleSoFar = "";
      out.visible = "";
      this.pending = this.pending.slice(bareClose + THINK_CLOSE.length);
      return;
    }
    // "<think>" after prose (models that think again mid-answer): the block is reasoning, never shown.
    if (thinkAt >= 0 && (!opener || thinkAt < opener.at) && (bareClose < 0 || thinkAt < bareClose)) {
      const raw = this.pending.slice(0, thinkAt);
      const before = raw.trimEnd();
      out.visible += this.attach(before, out);
      // The prose resumes after the block with the spacing it had before it ("wagon. <think>…</think>\n\nTomas" → "wagon. Tomas").
      this.joinGap = this.visibleSoFar.length + out.visible.length === 0 ? undefined : raw.slice(before.length);
      this.pending = this.pending.slice(thinkAt + THINK_OPEN.length);
      this.mode = "think";
      return;
    }
    if (opener) {
      const before = this.pending.slice(0, opener.at).trimEnd();
      out.visible += this.attach(before, out);
      this.pending = this.pending.slice(opener.at + opener.m.open.length);
      this.toolText = opener.m.open;
      this.toolClose = opener.m.close;
      this.mode = "tool";
      return;
    }
    let keep = final ? 0 : partialMarkerSuffix(this.pending, [THINK_OPEN, THINK_CLOSE, ...TEXT_TOOL_MARKERS.map((m) => m.open)]);
    const release = this.pending.slice(0, this.pending.length - keep);
    // Trailing whitespace waits for the next word: before a withheld tool call or the end it is dropped.
    const trimmed = release.trimEnd();
    if (!final) keep += release.length - trimmed.length;
    out.visible += this.attach(trimmed, out);
    this.pending = this.pending.slice(this.pending.length - keep);
  }

  /**
   * Text joining the visible output: no leading whitespace before the first visible word (e.g. the
   * blank line after </think>); after a mid-answer think block, the gap the prose had before it.
   */
  private attach(text: string, out: FilterOutput): string {
    if (this.visibleSoFar.length + out.visible.length > 0) return this.joined(text);
    const first = text.trimStart();
    if (first.length > 0) this.joinGap = undefined;
    return first;
  }

  /** Text resuming after a mid-answer think block: its leading whitespace becomes the gap the prose had before the block. */
  private joined(text: string): string {
    if (this.joinGap === undefined || text.trim().length === 0) return this.joinGap === undefined ? text : "";
    const gap = this.joinGap;
    this.joinGap = undefined;
    // No space before the block ("wagon.<think>…"): the resumed text keeps its own.
    return gap === "" ? text : gap + text.trimStart();
  }

  private finish(out: FilterOutput): void {
    if (this.mode === "think") {
      out.reasoning += this.pending; // an unclosed think block: all reasoning
    } else if (this.mode === "tool") {
      this.toolCallTexts.push(this.toolText + this.pending);
      this.toolText = "";
    } else if (this.mode === "start") {
      out.visible += this.pending.trimStart();
    }
    this.pending = "";
  }
}
