import type { Intent } from "./storyIntent.ts";
import type { Palette } from "./storyWorld.ts";

/**
 * Scene fragments of the offline storyteller: openings, the beat that follows the player's
 * action, observed details, finds, atmosphere and closing hooks. Placeholders are `{key}`
 * (`{Key}` capitalises the value). Template output — never evidence of narrative quality.
 */

type Lines = readonly string[];

/** Opening lines grounded in {time}, {phase}, {loc} and {weather}. */
export const OPENINGS: Lines = [
  "{Time}, at {loc}. Around you: {weather}.",
  "It is {time}, and {loc} waits under the day's mood — {weather}.",
  "At {loc} the hour is {time}; {weather}.",
  "The {phase} light finds {loc} much as it left it: {weather}.",
  "{Loc}, {time}. The air brings its own report — {weather}.",
  "You take stock of {loc} in the {phase}: {weather}, and nothing yet decided.",
  "Here at {loc}, {time}, the world keeps its own counsel: {weather}.",
  "{Time} settles over {loc}, and with it {weather}.",
];

/** One beat after the action, per leading intent ("other" when none was recognised). */
export const BEATS: Readonly<Record<Intent | "other", Lines>> = {
  attack: [
    "There is no more talk after that; there is only the quick, ugly arithmetic of a fight.",
    "It is over faster than anyone expects, and slower than it feels.",
    "You commit before doubt can catch you, and the moment tips into violence.",
    "Everyone nearby freezes, then scatters, as the first blow lands.",
    "The jar of the impact runs all the way up your arm.",
    "The sound of it carries farther than you would like.",
  ],
  threaten: [
    "You let the silence after your words do most of the work.",
    "Your voice stays low, which somehow makes it worse.",
    "You do not raise a hand; you do not need to.",
    "The threat hangs in the air like smoke that will not clear.",
    "You make sure the words land where they are meant to, and nowhere else.",
    "For a heartbeat, nobody nearby seems to breathe.",
  ],
  deceive: [
    "The lie comes out smooth, more smoothly than you would like to admit.",
    "You keep your face still and your hands busier than your eyes.",
    "It is a small untruth, and small untruths have a way of growing.",
    "You shape the story as you go, careful to leave no loose thread.",
    "The deceit sits easily on your tongue and heavily somewhere lower down.",
    "You watch for the flicker of doubt that would mean you have been caught.",
  ],
  give: [
    "It is not much, but in a hard season not much is a great deal.",
    "You hold it out without ceremony, as if it costs you nothing.",
    "The gesture is simple, and you feel its weight all the same.",
    "You do not bargain and you do not explain.",
    "Generosity is a luxury here, and you spend it anyway.",
    "Something more than the gift itself changes hands.",
  ],
  help: [
    "You work quickly and without fuss, the way you learned long ago.",
    "There is no speech about it; you simply do what needs doing.",
    "Your hands know the task before your head has finished deciding.",
    "It takes longer than it should, and you stay until it is done.",
    "Small kindnesses are remembered longest in hard places.",
    "You put yourself between the trouble and the one it was meant for.",
  ],
  introduce: [
    "A newcomer is never only a newcomer in a place like this.",
    "New faces bring new questions, and you have enough of those already.",
    "You make room for one more story in a scene already crowded with them.",
    "Strangers arrive for reasons, and the reasons rarely arrive with them.",
    "It is worth knowing who else is on this road, and why.",
    "You decide a new ally, or a new worry, is better met than avoided.",
  ],
  take: [
    "It is the kind of thing that might matter later, so you keep it close.",
    "You make it yours before anyone thinks to object.",
    "Nobody stops you, which is its own kind of warning.",
    "You weigh it in your hand and decide it is worth the trouble.",
    "A small thing to carry, and a small comfort.",
    "You move with the quiet economy of someone used to making do.",
  ],
  travel: [
    "The way is longer than it looks, and every step of it tells on you.",
    "You keep a steady pace, eyes on the ground ahead and on its edges.",
    "Behind you the last place shrinks into memory; ahead, the next one grows.",
    "The journey passes in a rhythm of breath and footfall and watching.",
    "You go without hurry and without dawdling, like someone who means to arrive.",
    "The road has its own opinions, and you listen to all of them.",
  ],
  rest: [
    "You let the hours slip by, and your shoulders drop for the first time in days.",
    "Stillness is its own kind of work, and you do it well.",
    "Sleep, or something close to it, comes in shallow waves.",
    "You watch the light change and let your thoughts go where they like.",
    "For a while nothing asks anything of you.",
    "Rest comes grudgingly, and then all at once.",
  ],
  talk: [
    "You choose your words the way you would choose footholds on a steep path.",
    "The conversation goes where conversations go: sideways, then suddenly deep.",
    "You speak plainly and listen harder than you speak.",
    "Words are cheap here; the pauses between them are not.",
    "You say what you came to say, and a little more.",
    "There is a way of asking that opens doors, and you try it.",
  ],
  observe: [
    "You keep still and let the scene tell you what it will.",
    "Details gather one by one, the way water gathers in a cupped hand.",
    "Most people look; few see. You try to be one of the few.",
    "You take your time, and the place gives up a few of its secrets.",
    "Patterns emerge: who stands where, who avoids whom, what no one mentions.",
    "You watch the edges, where the interesting things always happen.",
  ],
  other: [
    "It is a small choice, but small choices are how stories turn.",
    "You act, and the world, after a moment, answers.",
    "Nothing dramatic follows, and yet the moment feels weighted.",
    "What it will mean is not yet clear, only that it will mean something.",
    "The moment passes, leaving its mark on no one but you, for now.",
    "You do it deliberately, the way you do most things these days.",
  ],
};

/** Ways of noticing a {detail}. */
export const NOTICE: Lines = [
  "You notice {detail}.",
  "Your eye catches on {detail}.",
  "Among the ordinary things, one is not: {detail}.",
  "It takes a while, but you see it — {detail}.",
  "Nobody else seems to have marked {detail}.",
  "File it away: {detail}.",
];

/** Details worth noticing, per palette. */
export const DETAILS: Readonly<Record<Palette, Lines>> = {
  coast: [
    "fresh scratches on a mooring post, as if a boat left in a hurry",
    "two dockhands who stop talking whenever the watch walks past",
    "a lamp burning in a window that should be empty",
    "wet footprints leading up from the water and then simply ending",
    "a crate stamped with a seal you do not recognise",
    "a coil of rope cut clean rather than frayed",
  ],
  wild: [
    "tracks that are too fresh and too many",
    "a thin smudge of smoke where no camp should be",
    "a dropped water-skin, still damp at the seam",
    "birds circling something out of sight",
    "hoofprints that double back on themselves",
    "a cairn of stones that someone has rebuilt recently",
  ],
  town: [
    "a shutter that moves when the wind is still",
    "a face in the crowd that turns away too quickly",
    "chalk marks on a doorframe, half rubbed out",
    "a messenger running in the wrong direction",
    "a cart that has been waiting far too long",
    "fresh mud on boots that ought to be clean",
  ],
};

/** Small things a search turns up, per palette. */
export const FINDS: Readonly<Record<Palette, Lines>> = {
  coast: ["oilskin pouch", "brass compass", "sealed letter", "tarred fishing knife", "harbour token", "coil of waxed cord"],
  wild: ["pouch of dried figs", "flint and steel", "strip of blue cloth", "raider's arrowhead", "dented tin cup", "hand-drawn map"],
  town: ["copper key", "folded handbill", "bone-handled knife", "pewter badge", "ribbon-tied letter", "stub of a candle"],
};

/** Sentences that fill out a short scene, per palette, then general ones. */
export const ATMOSPHERE: Readonly<Record<Palette | "any", Lines>> = {
  coast: [
    "Gulls argue over the rooftops.",
    "The smell of tar and wet rope is everywhere.",
    "Water slaps against the pilings below.",
    "Lantern light wavers on the wet stones.",
    "A ship's timbers groan somewhere out of sight.",
    "Voices carry strangely over the water.",
  ],
  wild: [
    "The wind worries at every loose strap and canvas flap.",
    "Grit crunches between your teeth.",
    "The light lies hard and flat across the ground.",
    "A lizard watches from a stone, unimpressed.",
    "Heat and silence press in from every side.",
    "Somewhere a wagon wheel creaks in the wind.",
  ],
  town: [
    "Shutters bang somewhere down the street.",
    "The smell of bread and smoke drifts from an open door.",
    "Footsteps echo and fade between the houses.",
    "A dog barks twice and thinks better of it.",
    "Rain-dark cobbles shine under the lamps.",
    "Someone laughs behind a closed door.",
  ],
  any: [
    "You breathe, and wait, and watch.",
    "Everything feels a little closer to the edge than it did.",
    "The moment stretches, thin as wire.",
    "You are aware of your own heartbeat, steady and loud.",
    "Nothing here is quite as simple as it looks.",
    "You keep your own counsel and your eyes open.",
  ],
};

/** Closing hooks that bring in a cast member who was not part of the scene ({other}). */
export const HOOKS_OTHER: Lines = [
  "Across the way, {other} has been watching all of this, and says nothing.",
  "Later, you will wonder what {other} made of it.",
  "{Other} catches your eye and looks away a moment too late.",
  "Somewhere nearby, {other} is asking questions about you.",
  "You have the feeling {other} will want a word before long.",
  "When you glance back, {other} is no longer where you last saw them.",
];

/** Closing hooks that name a faction ({faction}). */
export const HOOKS_FACTION: Lines = [
  "And somewhere beyond sight, {faction} are not idle.",
  "Whatever happens next, {faction} will hear of it.",
  "You cannot shake the thought that {faction} are a step ahead.",
];

/** Closing hooks per palette, and general ones. */
export const HOOKS: Readonly<Record<Palette | "any", Lines>> = {
  coast: [
    "Out on the water, a bell rings once and falls silent.",
    "The tide keeps its own time, and it is turning.",
    "Somewhere below the quay, oars dip, and then are still.",
  ],
  wild: [
    "On the horizon, something glints and is gone.",
    "The wind shifts, carrying a smell of smoke from somewhere it should not be.",
    "Far off, a horse whinnies, and no one here owns it.",
  ],
  town: [
    "A door bangs somewhere, and then the street is quiet again.",
    "Someone is whistling a tune you last heard in a worse place.",
    "The bells begin to ring, though it is not the hour.",
  ],
  any: [
    "What comes next will not wait for you to be ready.",
    "The next choice is already on its way to you.",
    "It is not over; it has only changed shape.",
    "You have the distinct sense of a door opening somewhere ahead.",
  ],
};
