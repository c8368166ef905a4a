import "server-only";
import { lt } from "drizzle-orm";
import type { Db } from "./client";
import { clientAssertionJtis } from "./schema";

/**
 * Claims an assertion id for a client until `expiresAt`: true for the one call that stored it,
 * false for every other (a replay), across instances and restarts. The insert is the decision:
 * `ON CONFLICT DO NOTHING RETURNING` on the (client, jti) key, so of two racing callers exactly
 * one gets its row back. Rows past their expiry are deleted first, which keeps the table small.
 */
export async function claimAssertionJti(db: Db, clientId: string, jti: string, expiresAt: Date, now = new Date()): Promise<boolean> {
  await db.delete(clientAssertionJtis).where(lt(clientAssertionJtis.expiresAt, now));
  const stored = await db.insert(clientAssertionJtis).values({ clientId, jti, expiresAt }).onConflictDoNothing().returning();
  return stored.length === 1;
}
