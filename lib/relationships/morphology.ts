/** English inflection for the cue lexicon: verb forms and noun plurals (pure). */

// Irregular or consonant-doubling verbs: [3rd person, past, past participle, gerund]; extra forms
// after the fourth (British/US doublets) are accepted as past forms.
const IRREGULAR: Record<string, string[]> = {
  have: ["has", "had", "had", "having"], hold: ["holds", "held", "held", "holding"], think: ["thinks", "thought", "thought", "thinking"],
  take: ["takes", "took", "taken", "taking"], fall: ["falls", "fell", "fallen", "falling"], swear: ["swears", "swore", "sworn", "swearing"],
  keep: ["keeps", "kept", "kept", "keeping"], see: ["sees", "saw", "seen", "seeing"], give: ["gives", "gave", "given", "giving"],
  put: ["puts", "put", "put", "putting"], stand: ["stands", "stood", "stood", "standing"], lose: ["loses", "lost", "lost", "losing"],
  stick: ["sticks", "stuck", "stuck", "sticking"], get: ["gets", "got", "gotten", "getting", "got"], lean: ["leans", "leaned", "leaned", "leaning", "leant"],
  fight: ["fights", "fought", "fought", "fighting"], bear: ["bears", "bore", "borne", "bearing"], hide: ["hides", "hid", "hidden", "hiding"],
  shrink: ["shrinks", "shrank", "shrunk", "shrinking"], spit: ["spits", "spat", "spat", "spitting"], sing: ["sings", "sang", "sung", "singing"],
  strike: ["strikes", "struck", "struck", "striking"], throw: ["throws", "threw", "thrown", "throwing"], cast: ["casts", "cast", "cast", "casting"],
  wed: ["weds", "wed", "wed", "wedding", "wedded"], smite: ["smites", "smote", "smitten", "smiting"], hang: ["hangs", "hung", "hung", "hanging"],
  outdo: ["outdoes", "outdid", "outdone", "outdoing"], "one-up": ["one-ups", "one-upped", "one-upped", "one-upping"], spar: ["spars", "sparred", "sparred", "sparring"],
  abhor: ["abhors", "abhorred", "abhorred", "abhorring"], plot: ["plots", "plotted", "plotted", "plotting"], snub: ["snubs", "snubbed", "snubbed", "snubbing"],
  shun: ["shuns", "shunned", "shunned", "shunning"], rival: ["rivals", "rivalled", "rivalled", "rivalling", "rivaled", "rivaling"],
  worship: ["worships", "worshipped", "worshipped", "worshipping", "worshiped", "worshiping"], duel: ["duels", "duelled", "duelled", "duelling", "dueled", "dueling"],
  marvel: ["marvels", "marvelled", "marvelled", "marvelling", "marveled", "marveling"], make: ["makes", "made", "made", "making"],
  seek: ["seeks", "sought", "sought", "seeking"], speak: ["speaks", "spoke", "spoken", "speaking"], go: ["goes", "went", "gone", "going"],
  fancy: ["fancies", "fancied", "fancied", "fancying"], stake: ["stakes", "staked", "staked", "staking"], "second-guess": ["second-guesses", "second-guessed", "second-guessed", "second-guessing"],
  "double-cross": ["double-crosses", "double-crossed", "double-crossed", "double-crossing"], "bad-mouth": ["bad-mouths", "bad-mouthed", "bad-mouthed", "bad-mouthing"],
  beg: ["begs", "begged", "begged", "begging"], forge: ["forges", "forged", "forged", "forging"], sit: ["sits", "sat", "sat", "sitting"], win: ["wins", "won", "won", "winning"],
  rest: ["rests", "rested", "rested", "resting"], set: ["sets", "set", "set", "setting"], hit: ["hits", "hit", "hit", "hitting"],
  open: ["opens", "opened", "opened", "opening"], offer: ["offers", "offered", "offered", "offering"], enter: ["enters", "entered", "entered", "entering"],
  lock: ["locks", "locked", "locked", "locking"], lay: ["lays", "laid", "laid", "laying"], butt: ["butts", "butted", "butted", "butting"], try: ["tries", "tried", "tried", "trying"],
  feel: ["feels", "felt", "felt", "feeling"], shake: ["shakes", "shook", "shaken", "shaking"], know: ["knows", "knew", "known", "knowing"],
  find: ["finds", "found", "found", "finding"], hear: ["hears", "heard", "heard", "hearing"], say: ["says", "said", "said", "saying"],
  part: ["parts", "parted", "parted", "parting"], ride: ["rides", "rode", "ridden", "riding"], tell: ["tells", "told", "told", "telling"],
  buy: ["buys", "bought", "bought", "buying"], cut: ["cuts", "cut", "cut", "cutting"], grit: ["grits", "gritted", "gritted", "gritting"],
  break: ["breaks", "broke", "broken", "breaking"], fume: ["fumes", "fumed", "fumed", "fuming"], expect: ["expects", "expected", "expected", "expecting"],
};

export type Form = { word: string; participle: boolean };

/** All inflections of a verb lemma; participle marks forms that can head a passive. */
export function verbForms(lemma: string): Form[] {
  const irr = IRREGULAR[lemma];
  if (irr) {
    const [s, past, pp, ing, ...extra] = irr;
    return [
      { word: lemma, participle: false }, { word: s, participle: false }, { word: past, participle: past === pp },
      { word: pp, participle: true }, { word: ing, participle: false }, ...extra.map((w) => ({ word: w, participle: !w.endsWith("ing") })),
    ];
  }
  const consonantY = /[^aeiou]y$/.test(lemma);
  const s = /(s|sh|ch|x|z|o)$/.test(lemma) ? `${lemma}es` : consonantY ? `${lemma.slice(0, -1)}ies` : `${lemma}s`;
  const past = lemma.endsWith("e") ? `${lemma}d` : consonantY ? `${lemma.slice(0, -1)}ied` : `${lemma}ed`;
  const ing = lemma.endsWith("ie") ? `${lemma.slice(0, -2)}ying` : /[^eoy]e$/.test(lemma) ? `${lemma.slice(0, -1)}ing` : `${lemma}ing`;
  return [{ word: lemma, participle: false }, { word: s, participle: false }, { word: past, participle: true }, { word: ing, participle: false }];
}

const IRREGULAR_PLURAL: Record<string, string> = {
  child: "children", grandchild: "grandchildren", kinsman: "kinsmen", kinswoman: "kinswomen", wife: "wives", henchman: "henchmen",
  man: "men", woman: "women", kin: "kin", offspring: "offspring", "right hand": "right hands",
};

/** The plural of a relationship noun (none for "-in-law" forms and words already ending in s). */
export function plural(word: string): string | undefined {
  if (word.includes("-in-law") || word.endsWith("s")) return undefined;
  if (IRREGULAR_PLURAL[word]) return IRREGULAR_PLURAL[word];
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(s|sh|ch|x|z)$/.test(word)) return `${word}es`;
  return `${word}s`;
}
