import { describe, expect, it } from "vitest";
import { parseTurnMessage, type StoryBrief } from "./storyBrief.ts";
import { readAction, warmUpActionReader, type Intent } from "./storyIntent.ts";
import { aliasesOf, findMentioned, newcomerName, removeNames, shortName } from "./storyNames.ts";
import { mulberry32 } from "./storyRandom.ts";
import { STORY_SCENARIOS, storyTurnMessage } from "../dev/testing/storyKit.ts";

const brief = (action: string, scenario = STORY_SCENARIOS.frontier): StoryBrief => {
  const b = parseTurnMessage(storyTurnMessage(scenario, action));
  if (!b) throw new Error("unparsed");
  return b;
};
const intents = (action: string, scenario = STORY_SCENARIOS.frontier): Intent[] => readAction(brief(action, scenario)).intents;

describe("intents", () => {
  it.each<[string, Intent[]]>([
    ["I share my water with Tomas.", ["give"]],
    ["I ride to Greyfall.", ["travel"]],
    ["We set out for the pass before dawn", ["travel"]],
    ["I rest until dusk.", ["rest"]],
    ["I buy a lantern from Bess.", ["take"]],
    ["I search the wagons", ["take"]],
    ["I attack Okoro with my knife", ["attack"]],
    ["I threaten Tomas: talk, or else.", ["threaten", "talk"]],
    ["I tend Tomas's wounds", ["help"]],
    ["I lie to Ilse about the tracks", ["deceive"]],
    ["I thank Bess for the stew", ["talk"]],
    ["I hire a scout", ["introduce"]],
    ["A rider approaches the camp", ["introduce"]],
    ["I watch the horizon", ["observe"]],
    ["I hum quietly", []],
  ])("%s", (action, expected) => {
    expect(intents(action)).toEqual(expected);
  });

  it("combines several intents in priority order", () => {
    expect(intents("I give Tomas my rope and ride to Greyfall")).toEqual(["give", "travel"]);
    expect(intents("I steal the ledger and pretend nothing happened", STORY_SCENARIOS.harbour)).toEqual(["deceive", "take"]);
  });

  it("reads objects: the item, coins, destination, newcomer role", () => {
    expect(readAction(brief("I give Tomas my rope")).item).toBe("rope");
    expect(readAction(brief("I pay Bess 3 coins for the medicine"))).toMatchObject({ item: "3 coins", coins: 3 });
    expect(readAction(brief("I ride to Greyfall")).destination).toEqual({ name: "Greyfall", id: "greyfall" });
    expect(readAction(brief("I head north toward the salt pans at dusk")).destination).toEqual({ name: "the salt pans" });
    expect(readAction(brief("I hire a scout")).newcomer).toEqual({ role: "scout", hired: true });
    expect(readAction(brief("I walk over to Tomas")).intents).not.toContain("travel");
    expect(readAction(brief("I bandage my arm")).selfCare).toBe(true);
  });
});

describe("mentions", () => {
  const cast = brief("x").cast;
  const harbour = brief("x", STORY_SCENARIOS.harbour).cast;
  it("finds ids, full names and distinctive words, with possessives", () => {
    expect(findMentioned("I ask Ilse", cast)).toEqual(["ilse"]);
    expect(findMentioned("Dorn's orders are clear", cast)).toEqual(["ilse"]);
    expect(findMentioned("captain ilse dorn and TOMAS", cast)).toEqual(["ilse", "tomas"]);
    expect(findMentioned("I tell Bess Harrow and okoro", cast)).toEqual(["bess", "okoro"]);
    expect(findMentioned("I walk to Dr. Hale, then to Yuen's house", harbour)).toEqual(["hale"]);
    expect(findMentioned("Brannock and Corvin", harbour)).toEqual(["brannock", "corvin"]);
    expect(findMentioned("I read the ledger at the customs house", harbour)).toEqual(["ledger", "customs"]);
  });

  it("never matches a title alone or a word inside another word", () => {
    expect(findMentioned("The Captain says the old well is dry", cast)).toEqual([]);
    expect(findMentioned("Lady luck, the Sergeant and the Dr. agree", harbour)).toEqual([]);
    expect(findMentioned("Tomasina and Okoroko", cast)).toEqual([]);
    expect(findMentioned("I know it well", cast)).toEqual([]);
  });

  it("treats any script's letters and digits as word characters, and finds a later clean mention", () => {
    expect(findMentioned("水Tomas", cast)).toEqual([]);
    expect(findMentioned("Tomas2", cast)).toEqual([]);
    expect(findMentioned("水 Tomas。", cast)).toEqual(["tomas"]);
    expect(findMentioned("😀Tomas😀", cast)).toEqual(["tomas"]);
    expect(findMentioned("Ilsemarie, Dorn-Ilse met Ilse", cast)).toEqual(["ilse"]);
    expect(findMentioned("xTomas then Ilse, then Tomas", cast)).toEqual(["ilse", "tomas"]);
  });

  it("excludes the player and shortens names without titles", () => {
    expect(findMentioned("Mara Venn and Tomas", cast, "mara")).toEqual(["tomas"]);
    expect(shortName({ name: "Captain Ilse Dorn", type: "character" })).toBe("Ilse");
    expect(shortName({ name: "Dr. Yuen Hale", type: "character" })).toBe("Yuen");
    expect(shortName({ name: "Sergeant Brannock", type: "character" })).toBe("Brannock");
    expect(shortName({ name: "Old Bess Harrow", type: "character" })).toBe("Bess");
  });

  it("generates newcomer names whose ids are not in the cast", () => {
    const rng = mulberry32(5);
    for (let i = 0; i < 50; i++) {
      const { id, name } = newcomerName(rng, cast, "mara");
      expect(cast.some((e) => e.id === id)).toBe(false);
      expect(id).toMatch(/^[a-z][a-z0-9_-]{0,39}$/);
      expect(name).toMatch(/^\S+ \S+$/);
    }
  });
});

describe("warmUpActionReader", () => {
  it("leaves the reading of any action unchanged", () => {
    const actions = ["I hire a scout", "I give Tomas my rope", "水".repeat(400)];
    const before = actions.map((a) => readAction(brief(a)));
    warmUpActionReader();
    expect(actions.map((a) => readAction(brief(a)))).toEqual(before);
  });
});

describe("findMentioned against the look-around pattern it replaced", () => {
  const reference = (text: string, cast: ReturnType<typeof brief>["cast"]) => {
    const hits: Array<{ id: string; at: number }> = [];
    for (const entity of cast) {
      let first = -1;
      for (const alias of aliasesOf(entity, cast)) {
        const pattern = alias.split(" ").map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("(?:['’]s)?[\\s\\-]+");
        const m = new RegExp(`(?<![\\p{L}\\p{N}])${pattern}(?![\\p{L}\\p{N}])`, "iu").exec(text);
        if (m && (first < 0 || m.index < first)) first = m.index;
      }
      if (first >= 0) hits.push({ id: entity.id, at: first });
    }
    return hits.sort((a, b) => a.at - b.at).map((h) => h.id);
  };

  it("finds the same ids in the same order on random texts", () => {
    const cast = [...brief("x").cast, ...brief("x", STORY_SCENARIOS.harbour).cast];
    const parts = ["Ilse", "dorn's", "Captain Ilse Dorn", "Tomas", "Tomasina", "Bess Harrow", "okoro", "Hale", "Yuen", "Corvin", "Greyfall", "水", "é", "3", " ", " ", ", ", "-", "'s", "x"];
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % parts.length;
    for (let i = 0; i < 2000; i++) {
      const text = Array.from({ length: 10 }, () => parts[next()]).join("");
      expect(findMentioned(text, cast), text).toEqual(reference(text, cast));
    }
  });
});

describe("removeNames", () => {
  // The per-name look-around pattern it replaced, kept here as the reference.
  const reference = (text: string, names: readonly string[]) => {
    let out = text;
    for (const w of names) out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${w}(?:['’]s)?(?![\\p{L}\\p{N}])`, "giu"), " ");
    return out.replace(/\s+/g, " ");
  };

  it("removes whole names and their possessives, case-insensitively, and nothing inside other words", () => {
    expect(removeNames("I give Ilse's knife to TOMAS now", ["Ilse", "Tomas"])).toBe("I give knife to now");
    expect(removeNames("Tomasina keeps the ilsefish", ["Ilse", "Tomas"])).toBe("Tomasina keeps the ilsefish");
    expect(removeNames("水Ilse水 and Ilse", ["Ilse"])).toBe("水Ilse水 and ");
  });

  it("agrees with the look-around pattern on random texts", () => {
    const names = ["Ilse", "Dorn", "Tomas", "Bess", "O'Neil", "Anne-Marie"];
    const parts = ["Ilse", "ilse's", "DORN", "Tomas", "Tomasina", "Bess", "o'neil", "Anne-Marie", "水", "é", "3", " ", " ", ", ", "'s", "x", "-"];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % parts.length;
    for (let i = 0; i < 2000; i++) {
      const text = Array.from({ length: 12 }, () => parts[next()]).join("");
      expect(removeNames(text, names), text).toBe(reference(text, names));
    }
  });
});

