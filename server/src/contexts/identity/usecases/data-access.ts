import type { Executor } from '../../../kernel/db/tables.js';
import { AppError } from '../../../kernel/http/errors.js';
import '../messages.js';
import * as store from '../store.js';

/** PER-02: only a passed, unexpired background check counts (`today` a Shanghai date). */
export function backgroundCheckValid(check: unknown, today: string): boolean {
  const bg = (check ?? {}) as { status?: string; expiresAt?: string };
  return bg.status === 'passed' && (!bg.expiresAt || bg.expiresAt >= today);
}

/**
 * What a member still lacks before a Workspace seat or any raw-data access (identity's published
 * contract for the sandbox): PER-02 a passed, unexpired background check; PER-03 an NDA on file and
 * unexpired; LGN-07 a real-named user (verified mobile) — no remote data access before verification.
 */
export async function dataAccessGaps(db: Executor, userId: string, orgId: string, today: string): Promise<string[]> {
  const [m, u] = await Promise.all([store.getMembershipOf(db, userId, orgId), store.getUser(db, userId)]);
  if (!m || m.state !== 'active' || !u) return ['membership'];
  const nda = m.nda as { expiresAt?: string } | null;
  return [
    !backgroundCheckValid(m.background_check, today) && 'background_check',
    !(nda && (!nda.expiresAt || nda.expiresAt >= today)) && 'nda',
    !u.mobile_verified_at && 'real_name',
  ].filter((x): x is string => !!x);
}

/** Throws 409 DATA_ACCESS_PREREQUISITE (PER-02) naming what is missing. */
export async function assertDataAccess(db: Executor, userId: string, orgId: string, today: string): Promise<void> {
  const missing = await dataAccessGaps(db, userId, orgId, today);
  if (missing.length)
    throw new AppError(409, 'DATA_ACCESS_PREREQUISITE', { missing: missing.join(','), userId }, { ruleId: 'PER-02' });
}
