import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import { uid } from '../../seed/identity.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { resetLoginThrottle } from './usecases/sessions.js';

// LGN-03 lockout under concurrency: wrong passwords sent at once that cross the threshold each
// read the user unlocked; only the first to take the row lock locks it, the others count and
// answer 401 like every failed login (never 409 from locking a locked user, never 5xx).
const clock = new FixedClock(new Date('2026-11-02T02:00:00Z'));
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(() => t?.close());

const wrong = (i: number) =>
  t.anonymous.post('/api/v1/auth/login', { username: 'evaluator.admin', password: `wrong-${i}` });

describe('LGN-03 concurrent wrong passwords reaching the lockout threshold', () => {
  it('all answer 401 LOGIN_FAILED; the user is locked once', async () => {
    resetLoginThrottle();
    const user = uid('evaluator.admin');
    const threshold = t.kernel.profile.get<number>('auth.lockoutThreshold');
    for (let i = 0; i < threshold - 2; i++) expect((await wrong(i)).statusCode).toBe(401);
    // Three at once: the first reaches the threshold and locks, the others arrive at a locked user.
    const burst = await Promise.all([0, 1, 2].map((i) => wrong(100 + i)));
    expect(burst.map((r) => r.statusCode)).toEqual([401, 401, 401]);
    expect(burst.map((r) => r.json().error.code)).toEqual(['LOGIN_FAILED', 'LOGIN_FAILED', 'LOGIN_FAILED']);
    const u = (await sql<{ state: string }>`SELECT state FROM app_user WHERE id = ${user}`.execute(t.kernel.db))
      .rows[0];
    expect(u?.state).toBe('locked');
    const locks = (
      await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM event WHERE event_type = 'auth.locked' AND object_id = ${user}`.execute(
        t.kernel.db,
      )
    ).rows[0]!.n;
    expect(locks).toBe(1);
  });
});
