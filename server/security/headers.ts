import type { NextFunction, Request, RequestHandler, Response } from "express";
import helmet from "helmet";

/**
 * Security headers. The page loads only its own files: no inline script or style (its DOM code sets
 * styles through the CSSOM), no framing, no plugins; `data:` images for the empty favicon. HSTS is
 * left to the TLS proxy in front (this server speaks plain HTTP), and so is upgrade-insecure-requests,
 * which would break the page on a plain-HTTP LAN address.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: false,
    xFrameOptions: { action: "deny" },
  });
}

/**
 * CORS: off unless QS_CORS_ORIGINS lists origins ("*" = any). An allowed origin may send the
 * Authorization header and read the rate-limit headers; preflights are answered here, before
 * authentication, because browsers send them without credentials.
 */
export function cors(origins: string[] | undefined): RequestHandler {
  const allowed = new Set(origins ?? []);
  const any = allowed.has("*");
  return (req: Request, res: Response, next: NextFunction) => {
    if (allowed.size === 0) return next();
    res.vary("Origin");
    const origin = req.get("origin");
    if (!origin || !(any || allowed.has(origin))) return next();
    res.setHeader("Access-Control-Allow-Origin", any ? "*" : origin);
    res.setHeader("Access-Control-Expose-Headers", "Retry-After, RateLimit, RateLimit-Policy, Location");
    if (req.method !== "OPTIONS") return next();
    res.setHeader("Access-Control-Allow-Methods", "GET, POST, DELETE");
    res.setHeader("Access-Control-Allow-Headers", "Authorization, Content-Type, Accept");
    res.setHeader("Access-Control-Max-Age", "600");
    res.status(204).end();
  };
}
