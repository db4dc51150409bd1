// Types for the dev-only PNG encoders the card tests build their files with.
declare module "png-chunks-encode" {
  function encodeChunks(chunks: Array<{ name: string; data: Uint8Array }>): Uint8Array;
  export = encodeChunks;
}
declare module "png-chunk-text" {
  export function encode(keyword: string, content: string): { name: "tEXt"; data: Uint8Array };
  export function decode(data: Uint8Array): { keyword: string; text: string };
}
