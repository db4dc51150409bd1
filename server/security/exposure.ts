import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { Env } from "../../lib/config/env.ts";
import { EngineError } from "../../lib/sessions/errors.ts";

/** The names a browser uses for this machine; a Host header with any other name may be DNS rebinding. */
export const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "[::1]"];

/** Whether a listen address only accepts connections from this machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, "$1");
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h) || h === "::ffff:127.0.0.1";
}

/**
 * Why the server must not start, or undefined: listening beyond loopback without keys lets anyone
 * who reaches the port read, play and delete every story, so the operator has to say so explicitly.
 */
export function bindRefusal(env: Pick<Env, "HOST" | "QS_ALLOW_PUBLIC_WITHOUT_KEYS">, keysEnabled: boolean): string | undefined {
  if (keysEnabled || isLoopbackHost(env.HOST) || env.QS_ALLOW_PUBLIC_WITHOUT_KEYS) return undefined;
  return [
    `refusing to listen on HOST=${env.HOST} without API keys: anyone who can reach this address could list, read, play and delete every story.`,
    "Turn keys on (QS_API_KEYS=name:key, QS_API_KEYS_FILE or QS_ADMIN_KEY), listen on 127.0.0.1,",
    "or set QS_ALLOW_PUBLIC_WITHOUT_KEYS=1 if the network itself is trusted. See docs/security.md.",
  ].join("\n");
}

/** Splits a Host header into a lowercase name and a port (80 when absent). */
export function parseHost(header: string): { name: string; port: number } | undefined {
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(header.trim());
  if (!m) return undefined;
  return { name: m[1].toLowerCase(), port: m[2] ? Number(m[2]) : 80 };
}

/** One allowed Host: a name, and a port ("listening" = the port the request came in on; undefined = any). */
export interface AllowedHost {
  name: string;
  port?: number | "listening";
}

/**
 * The Host-header allowlist: undefined = any host. Default: the loopback names on the listening
 * port when HOST is loopback (the case DNS rebinding attacks); QS_ALLOWED_HOSTS replaces it
 * ("*" = any). An entry without a port matches that name on any port.
 */
export function allowedHosts(env: Pick<Env, "HOST" | "QS_ALLOWED_HOSTS">): AllowedHost[] | undefined {
  if (env.QS_ALLOWED_HOSTS) {
    if (env.QS_ALLOWED_HOSTS.includes("*")) return undefined;
    return env.QS_ALLOWED_HOSTS.map((entry) => {
      const parsed = parseHost(entry);
      if (!parsed) return { name: entry.toLowerCase() };
      return /:\d+$/.test(entry) ? parsed : { name: parsed.name };
    });
  }
  return isLoopbackHost(env.HOST) ? LOOPBACK_NAMES.map((name) => ({ name, port: "listening" as const })) : undefined;
}

/** Whether a Host header is on the list, for a request that arrived on `localPort`. */
export function hostAllowed(header: string | undefined, allowed: AllowedHost[], localPort: number | undefined): boolean {
  const host = parseHost(header ?? "");
  if (!host) return false;
  return allowed.some((a) => a.name === host.name && (a.port === undefined || (a.port === "listening" ? host.port === localPort : host.port === a.port)));
}

/** 403 for a Host header that is not on the list (see allowedHosts). */
export function hostCheck(allowed: AllowedHost[] | undefined): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (!allowed || hostAllowed(req.headers.host, allowed, req.socket.localPort)) return next();
    const shown = JSON.stringify((req.headers.host ?? "").slice(0, 100));
    next(
      new EngineError(
        "host_not_allowed",
        403,
        `this server does not answer to Host ${shown} (a guard against DNS rebinding); add the name to QS_ALLOWED_HOSTS if it is yours`,
      ),
    );
  };
}
