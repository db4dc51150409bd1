import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { MissingActionError, playerAction } from "./turnInput.ts";

describe("playerAction (pure)", () => {
  it("takes `input` first, trimmed", () => {
    expect(playerAction({ input: "  I wave.  ", messages: [new HumanMessage("ignored")] })).toBe("I wave.");
  });

  it("takes the last message when it is a human one (chat clients)", () => {
    expect(playerAction({ input: "", messages: [new AIMessage("earlier"), new HumanMessage("I climb the dune.")] })).toBe("I climb the dune.");
  });

  it("refuses a run with neither, or whose last message is the narrator's (never a replay)", () => {
    expect(() => playerAction({ input: "", messages: [] })).toThrow(MissingActionError);
    expect(() => playerAction({ input: "   ", messages: [new HumanMessage("I share water."), new AIMessage("You share.")] })).toThrow(
      /no player action: send \{"input"/,
    );
  });
});
