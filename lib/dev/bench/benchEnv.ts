/**
 * What every bench server sets besides its model: long timeouts (a loaded simulated model is slow,
 * not broken), the per-address rate limits off (the bench is one loopback client playing faster
 * than a person) and the per-story memory quota off (the overhead lanes preload 10,000 memories).
 */
export const BENCH_SERVER_ENV = {
  QS_TURN_TIMEOUT_MS: "600000",
  QS_MODEL_TIMEOUT_MS: "120000",
  QS_RATE_REQUESTS_PER_MIN: "0",
  QS_RATE_TURNS_PER_MIN: "0",
  QS_RATE_SESSIONS_PER_HOUR: "0",
  QS_MAX_MEMORIES_PER_SESSION: "0",
} as const;
