/**
 * People and consequences in the offline storyteller's prose: how a character reacts in each
 * mood, how their background and history colour it, and how changes are told (water handed over,
 * a wound, an arrival). Placeholders as in storyTemplates.ts. Names, never gendered pronouns.
 */

type Lines = readonly string[];

/** How a character meets the player's action. */
export type Mood = "warm" | "guarded" | "cold" | "afraid" | "hostile" | "unaware";

/** One reaction per mood, with {name}. */
export const REACTIONS: Readonly<Record<Mood, Lines>> = {
  warm: [
    "{Name}'s face eases, and some of the tightness goes out of {name}'s shoulders.",
    "{Name} meets your eyes and nods slowly, as if settling something.",
    "{Name} answers with a quiet warmth that was not there before.",
    "Something like a smile crosses {name}'s face.",
    "{Name} leans in, glad of you, and does not trouble to hide it.",
    "{Name} says your name the way people say the names of friends.",
  ],
  guarded: [
    "{Name} watches you for a long moment before answering.",
    "{Name} gives a careful nod that commits to nothing.",
    "{Name} listens with folded arms, giving away very little.",
    "{Name}'s answer is polite and measured, a door left half open.",
    "{Name} considers you, then the others, then you again.",
    "{Name} neither trusts you nor turns you away — not yet.",
  ],
  cold: [
    "{Name}'s reply is clipped and cold.",
    "{Name} looks past you rather than at you.",
    "{Name} answers with a curtness that borders on insult.",
    "{Name} does not bother to hide the distrust.",
    "{Name} turns half away, as if you were weather to be waited out.",
    "{Name}'s voice stays level, and every word of it is a closed door.",
  ],
  afraid: [
    "{Name} flinches, and then plainly hates having flinched.",
    "{Name} goes pale and steps back out of reach.",
    "{Name}'s hands are shaking, for all the effort to hide it.",
    "{Name} backs away, eyes fixed on your hands.",
    "{Name} gives way at once, the words tumbling out too fast.",
    "Fear shows in {name}'s face before anything else does.",
  ],
  hostile: [
    "{Name} hits back with a fury that surprises everyone watching.",
    "{Name}'s eyes go flat and hard; this will not be forgotten.",
    "{Name} spits on the ground and squares up to you.",
    "{Name} curses you, low and precise.",
    "{Name} stands firm and stares you down.",
    "{Name} answers with a look that promises a reckoning.",
  ],
  unaware: [
    "{Name} does not seem to notice you at all.",
    "{Name} goes about the business of the hour, unaware of your attention.",
    "If {name} feels your eyes, there is no sign of it.",
    "{Name} is too busy to look your way.",
    "{Name} talks with someone else, never glancing in your direction.",
    "{Name} passes close by without a second look.",
  ],
};

/** How a background ({bg}) colours a reaction. */
export const BACKGROUND: Lines = [
  "That is like {name}: {bg}.",
  "It fits what you know of {name} — {bg}.",
  "Remember who {name} is: {bg}.",
  "Anyone who knows {name} would expect it: {bg}.",
  "It is of a piece with everything about {name}, {bg}.",
  "You read it in the light of what {name} is: {bg}.",
];

/** History between the player and {name}, when memories or edges exist. */
export const RECALL: Readonly<Record<"good" | "bad", Lines>> = {
  good: [
    "{Name} has not forgotten what you did before, and it softens the moment.",
    "There is history between you now, and most of it is good.",
    "{Name} remembers your last kindness; you can see it.",
    "What passed between you before still counts for something with {name}.",
    "{Name} treats you like someone who has already proven a thing or two.",
    "Old goodwill does some of the work for you.",
  ],
  bad: [
    "{Name} has a long memory, and you are in it — not kindly.",
    "What happened before sits between you like a stone.",
    "{Name} has clearly not forgiven the last time.",
    "The old grievance is still there in {name}'s eyes.",
    "{Name} is waiting for you to make the same mistake twice.",
    "Whatever trust there was between you has worn thin.",
  ],
};

/** What changed this turn, told in the story's voice. */
export const CONSEQUENCES = {
  water: [
    "{Recipient} drinks slowly, making it last, and your waterskin hangs lighter at your side.",
    "You will be thirstier for it later, and {recipient} knows it.",
    "{Recipient} takes the water in both hands, as if it might spill away.",
    "One measure less for you; one more day of strength for {recipient}.",
    "{Recipient} drinks, and for a moment everyone nearby seems to watch.",
    "The water is gone in three swallows, and {recipient} does not waste a drop.",
  ],
  item: [
    "You hand over the {item}; {recipient} accepts it with a look you will remember.",
    "The {item} is {recipient}'s now.",
    "{Recipient} closes a hand around the {item}, and a bargain, spoken or not, is struck.",
    "Your pack is lighter without the {item}.",
    "The {item} leaves your keeping, and something shifts in how {recipient} regards you.",
    "{Recipient} weighs the {item} and gives a short nod of thanks.",
  ],
  coins: [
    "You count out {coins} into {recipient}'s palm.",
    "Your purse is lighter by {coins}.",
    "{Recipient} pockets {coins} with practised ease.",
    "You press {coins} into {recipient}'s hand.",
    "It costs you {coins}, and you pay it.",
    "{Recipient} takes {coins} and does not count them in front of you.",
  ],
  gained: [
    "You stow the {item} in your pack.",
    "You tuck the {item} away where no one will see it.",
    "You keep the {item} close from now on.",
    "Now you carry the {item} as well.",
    "You make room for the {item} among your things.",
    "You add the {item} to what little you carry.",
  ],
  paid: ["It costs you {coins}.", "The price is {coins}, and you pay it.", "{Coins} lighter, you have what you came for."],
  broke: [
    "Your purse is too light for it; you come away empty-handed.",
    "You count what you have twice, and it is not enough.",
    "The price is more than you carry, and no one here gives credit.",
  ],
  nothing: [
    "You find nothing worth keeping, only the sense that someone searched here before you.",
    "Whatever was here is gone; the dust has been disturbed by other hands.",
    "You come up empty, and that in itself is worth noting.",
  ],
  hurt: [
    "You take a blow in return; it will ache for days.",
    "A cut opens along your forearm before it is over.",
    "You come away bruised and short of breath, and bleeding a little.",
    "Something catches you hard in the ribs; you feel it with every breath.",
    "Your knuckles are split and your side aches.",
    "You are hurt — not badly, but enough to remember.",
  ],
  unhurt: [
    "You come away unhurt, which feels like luck rather than skill.",
    "Somehow you are untouched, though your heart is hammering.",
    "Not a scratch on you, and you do not quite trust it.",
  ],
  struck: [
    "{Name} staggers and goes down to one knee.",
    "{Name} reels back, a hand pressed to a bleeding lip.",
    "{Name} takes the blow badly and is slow to rise.",
    "{Name} is knocked sprawling and comes up bloodied.",
  ],
  healed: [
    "The ache in you eases a little.",
    "Your wounds feel cleaner, and the pain steadier.",
    "Some strength comes back into your limbs.",
    "The worst of the hurt has dulled to something you can carry.",
  ],
  arrive: [
    "By {phase} you reach {dest}.",
    "{Phase} finds you at {dest}.",
    "You arrive at {dest} as {phase} settles over everything.",
    "It is {phase} when {dest} comes into view.",
    "{Dest} takes you in at {phase}, indifferent to your coming.",
    "At last, {dest} — and {phase} with it.",
  ],
  passes: [
    "By {phase}, you are rested enough to go on.",
    "{Phase} comes on while you rest.",
    "When you stir again, it is {phase}.",
    "The hours turn to {phase} around you.",
    "It is {phase} before you move again.",
    "You rise to find that it is {phase}.",
  ],
  weather: [
    "The weather turns: {weather}.",
    "The sky changes its mind — {weather}.",
    "And now, without warning: {weather}.",
    "The day's mood shifts to {weather}.",
    "Overhead, things change: {weather}.",
    "Then the weather has its say: {weather}.",
  ],
  newcomer: [
    "{Article} {role} comes forward and gives the name {newName}.",
    "{NewName}, {article} {role}, looks you over with frank curiosity.",
    "The newcomer — {newName}, {article} {role} by trade or by luck — takes your measure.",
    "{NewName} is the name the {role} offers, after a pause that suggests it is not the only one.",
    "{Article} {role} named {newName} falls in beside you, as if invited.",
    "{Article} {role} steps out of the press of the day: {newName}, travel-worn and watchful.",
  ],
  hired: [
    "Terms are agreed quickly: {newName} will go with you, for wages.",
    "A handshake, a price, and {newName} is in your service.",
    "{NewName} names a fair price, and you take it.",
  ],
} as const satisfies Record<string, Lines>;

/** Traits a newcomer's background may carry. */
export const NEWCOMER_TRAITS: Lines = [
  "keeps their own counsel and watches the road behind",
  "quick to laugh and slow to trust",
  "carries an old debt and a newer grudge",
  "knows the back ways and the people who use them",
  "is running from something and not yet ready to say what",
  "has a soldier's habits and no regiment",
];
