// Generated shapes must come out byte-identical on every build, so nothing may call
// Math.random. mulberry32 is a tiny, well-known 32-bit generator; the seed is derived from a
// feature's stable id so adding one estate does not shift the shapes of all the others.

export type RandomSource = () => number;

export function createSeededRandom(seedText: string): RandomSource {
  let state = hashText(seedText);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

function hashText(text: string): number {
  let hash = 2166136261;
  for (const character of text) {
    hash ^= character.codePointAt(0)!;
    hash = Math.imul(hash, 16777619);
  }
  return hash >>> 0;
}
