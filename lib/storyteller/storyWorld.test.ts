import { describe, expect, it } from "vitest";
import { advanceTime, paletteOf, phaseOf, secondPerson, stepsToDawn, stepsToPhase } from "./storyWorld.ts";

describe("time", () => {
  it("replaces the phase word, keeps the rest and its capitalisation", () => {
    expect(advanceTime("dawn, day 3 of the crossing", 1)).toBe("morning, day 3 of the crossing");
    expect(advanceTime("Evening, two nights before the vote", 1)).toBe("Night, two nights before the vote");
    expect(advanceTime("late afternoon", 1)).toBe("late dusk");
    expect(advanceTime("a grey hour", 1)).toBeUndefined();
  });

  it("counts the day up when passing dawn", () => {
    expect(advanceTime("night, day 3 of the crossing", 1)).toBe("dawn, day 4 of the crossing");
    expect(advanceTime("dusk on day 9", stepsToDawn("dusk on day 9"))).toBe("dawn on day 10");
    expect(advanceTime("noon, day 1", 6)).toBe("midday, day 2");
  });

  it("knows phase synonyms and distances", () => {
    expect(phaseOf("sunset over the bay")).toBe("dusk");
    expect(phaseOf("around noon")).toBe("midday");
    expect(stepsToPhase("dawn", "nightfall")).toBe(4);
    expect(stepsToPhase("night", "morning")).toBe(2);
    expect(stepsToDawn("morning")).toBe(2);
  });
});

describe("secondPerson", () => {
  it.each([
    ["I share my water with Tomas.", "You share your water with Tomas."],
    ["share water with Tomas", "You share water with Tomas."],
    ["I'm going to ride to Greyfall", "You're going to ride to Greyfall."],
    ['"I need water," I tell Tomas.', '"I need water," you tell Tomas.'],
    ["Tomas, what do you know?", "You say: “Tomas, what do you know?”"],
    ["A rider approaches; I wave", "A rider approaches; you wave."],
    ["I hum {a} #song", "You hum a song."],
    ["", "You hesitate, weighing what to do."],
  ])("%s", (action, expected) => {
    expect(secondPerson(action)).toBe(expected);
  });

  it("cuts long actions", () => {
    expect(secondPerson(`I ${"walk and ".repeat(40)}stop`).split(" ").length).toBeLessThanOrEqual(28);
  });
});

describe("paletteOf", () => {
  it("reads the setting from the world's words", () => {
    expect(paletteOf({ location: "the fish market quay", weather: "fog" })).toBe("coast");
    expect(paletteOf({ location: "Cracked Well camp", weather: "dust" })).toBe("wild");
    expect(paletteOf({ location: "the guildhall" })).toBe("town");
  });
});
