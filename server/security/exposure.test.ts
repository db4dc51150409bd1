import { describe, expect, it } from "vitest";
import { loadEnv } from "../../lib/config/env.ts";
import { allowedHosts, bindRefusal, hostAllowed, isLoopbackHost, parseHost } from "./exposure.ts";

describe("exposure", () => {
  it("tells loopback listen addresses from public ones", () => {
    for (const host of ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"]) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ["0.0.0.0", "::", "192.168.1.10", "example.com", "128.0.0.1"]) expect(isLoopbackHost(host), host).toBe(false);
  });

  it("refuses a public bind without keys unless the operator allows it", () => {
    expect(bindRefusal(loadEnv({}), false)).toBeUndefined();
    expect(bindRefusal(loadEnv({ HOST: "0.0.0.0" }), true)).toBeUndefined();
    expect(bindRefusal(loadEnv({ HOST: "0.0.0.0", QS_ALLOW_PUBLIC_WITHOUT_KEYS: "1" }), false)).toBeUndefined();
    expect(bindRefusal(loadEnv({ HOST: "0.0.0.0" }), false)).toMatch(/refusing to listen on HOST=0\.0\.0\.0 without API keys/);
  });

  it("parses Host headers", () => {
    expect(parseHost("Example.COM:8080")).toEqual({ name: "example.com", port: 8080 });
    expect(parseHost("localhost")).toEqual({ name: "localhost", port: 80 });
    expect(parseHost("[::1]:3000")).toEqual({ name: "[::1]", port: 3000 });
    expect(parseHost("")).toBeUndefined();
    expect(parseHost("a:b:c")).toBeUndefined();
  });

  it("allows the loopback names on the listening port by default, and what QS_ALLOWED_HOSTS says otherwise", () => {
    const loopback = allowedHosts(loadEnv({}))!;
    expect(hostAllowed("localhost:3000", loopback, 3000)).toBe(true);
    expect(hostAllowed("127.0.0.1:3000", loopback, 3000)).toBe(true);
    expect(hostAllowed("[::1]:3000", loopback, 3000)).toBe(true);
    expect(hostAllowed("localhost:3001", loopback, 3000)).toBe(false);
    expect(hostAllowed("rebound.attacker.example:3000", loopback, 3000)).toBe(false);
    expect(hostAllowed(undefined, loopback, 3000)).toBe(false);

    expect(allowedHosts(loadEnv({ HOST: "0.0.0.0" }))).toBeUndefined();
    expect(allowedHosts(loadEnv({ QS_ALLOWED_HOSTS: "*" }))).toBeUndefined();
    const listed = allowedHosts(loadEnv({ QS_ALLOWED_HOSTS: "stories.example, localhost:8080" }))!;
    expect(hostAllowed("stories.example", listed, 3000)).toBe(true);
    expect(hostAllowed("stories.example:443", listed, 3000)).toBe(true);
    expect(hostAllowed("localhost:8080", listed, 3000)).toBe(true);
    expect(hostAllowed("localhost:3000", listed, 3000)).toBe(false);
  });
});
