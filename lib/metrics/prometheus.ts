import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { TurnMetrics } from "./turnMetrics.ts";

/**
 * Operator metrics in Prometheus text format. One registry per engine (not the global one),
 * so tests and several engines in one process never share counts.
 */
export class TurnMetricsRegistry {
  readonly registry = new Registry();
  private readonly ttft = new Histogram({
    name: "qs_time_to_first_token_seconds",
    help: "Time from the start of a turn to its first narrative token",
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: "qs_turn_duration_seconds",
    help: "Total time of a committed turn",
    buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120],
    registers: [this.registry],
  });
  private readonly turns = new Counter({ name: "qs_turns_total", help: "Turns by outcome", labelNames: ["outcome"], registers: [this.registry] });
  private readonly modelCalls = new Counter({ name: "qs_model_calls_total", help: "Model calls made by committed turns", registers: [this.registry] });
  private readonly toolCalls = new Counter({
    name: "qs_tool_calls_total",
    help: "Tool calls that ran, by tool and phase (cache hits excluded)",
    labelNames: ["tool", "phase"],
    registers: [this.registry],
  });
  private readonly cacheHits = new Counter({ name: "qs_read_cache_hits_total", help: "Reads answered from the read cache", registers: [this.registry] });
  private readonly tokens = new Counter({ name: "qs_tokens_total", help: "Model tokens by direction", labelNames: ["direction"], registers: [this.registry] });
  private readonly errors = new Counter({ name: "qs_errors_total", help: "Failed turns by error code", labelNames: ["code"], registers: [this.registry] });

  constructor(openSessions: () => number | Promise<number>, openIndexes: () => number) {
    new Gauge({ name: "qs_sessions", help: "Sessions stored", registers: [this.registry], async collect() { this.set(await openSessions()); } });
    new Gauge({ name: "qs_open_sessions", help: "Sessions whose memory index is open (LRU)", registers: [this.registry], collect() { this.set(openIndexes()); } });
    collectDefaultMetrics({ register: this.registry, prefix: "qs_process_" });
  }

  recordTurn(metrics: TurnMetrics, toolCalls: Array<{ name: string; phase: string; cached?: boolean; skipped?: boolean }>): void {
    this.turns.inc({ outcome: "committed" });
    if (metrics.ttft_ms !== null) this.ttft.observe(metrics.ttft_ms / 1000);
    this.duration.observe(metrics.total_ms / 1000);
    this.modelCalls.inc(metrics.llm_calls);
    this.cacheHits.inc(metrics.cache_hits);
    for (const call of toolCalls) if (!call.cached && !call.skipped) this.toolCalls.inc({ tool: call.name, phase: call.phase });
    this.tokens.inc({ direction: "input" }, metrics.input_tokens);
    this.tokens.inc({ direction: "output" }, metrics.output_tokens);
  }

  recordFailure(code: string): void {
    this.turns.inc({ outcome: "failed" });
    this.errors.inc({ code });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
