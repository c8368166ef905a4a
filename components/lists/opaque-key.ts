"use client";

/**
 * Stand-ins for texts a react-query key must not hold (a name search is part of a pupil's name):
 * the same text gets the same token, so caching and paging work as before, but the cache, its
 * devtools and anything that ever persists or logs it see only "t1", "t2"… The map lives in this
 * tab's memory only and goes with the page; sign-out empties it too.
 */
const tokens = new Map<string, string>();

export function opaqueKey(text: string): string {
  let token = tokens.get(text);
  if (!token) {
    token = `t${tokens.size + 1}`;
    tokens.set(text, token);
  }
  return token;
}

export function forgetOpaqueKeys(): void {
  tokens.clear();
}
