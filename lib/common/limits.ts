/** Longest player action accepted, in characters (the HTTP API and LangGraph runs alike). */
export const MAX_INPUT_CHARS = 2000;
