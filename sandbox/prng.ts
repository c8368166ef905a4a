import { createHash } from "node:crypto";

/** 32-bit hash of a string (FNV-1a), the seed of every generator here: same seed, same data. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * murmur3's finaliser: FNV-1a alone leaves the high bits of "key/1", "key/2", … nearly equal, so
 * draws compared against a rate came in long runs of the same outcome.
 */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** mulberry32: small, fast, deterministic; never Math.random in the sandbox. */
export function prng(seed: string) {
  let a = hash32(seed);
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    chance: (p: number) => next() < p,
  };
}

export type Prng = ReturnType<typeof prng>;

/** A fictitious ECK iD in the real shape: the fixed prefix plus 128 lowercase hex characters. */
export function eckId(seed: string): string {
  return `https://ketenid.nl/201703/${createHash("sha512").update(seed).digest("hex")}`;
}

/** A UUID-shaped deterministic identifier. */
export function uuidFrom(seed: string): string {
  const h = createHash("sha256").update(seed).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
