import { describe, expect, it } from "vitest";
import { cutAtLastSentence } from "./narrativeText.ts";

describe("cutAtLastSentence", () => {
  it("ends cut-off prose at its last full sentence", () => {
    expect(cutAtLastSentence('Dust lifts. "Ride on!" Tomas says. You ride back befo')).toBe('Dust lifts. "Ride on!" Tomas says.');
    expect(cutAtLastSentence("no sentence end")).toBe("no sentence end");
  });
});
