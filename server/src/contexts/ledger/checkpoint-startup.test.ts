import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseNote } from '../../kernel/ledger/note.js';
import { startTestApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

// The demo template is made by seedDemo (kernel/db/test-global-setup.ts), as `start` and `seed-demo` do.
describe('LED-07 a fresh app with demo data serves a checkpoint at once (issue 12 finding 9)', () => {
  it('GET /ledger/checkpoint answers 200 for main and audit, covering every seeded entry, before any job has run', async () => {
    for (const log of ['main', 'audit']) {
      const res = await t.anonymous.get(`/api/v1/ledger/checkpoint?log=${log}`);
      expect(res.statusCode).toBe(200);
      const cp = parseNote(res.body).checkpoint;
      const n = (
        await sql<{
          n: number;
          pending: number;
        }>`SELECT count(*)::int AS n, count(*) FILTER (WHERE seq IS NULL)::int AS pending
        FROM ledger_entry WHERE log_id = ${cp.origin}`.execute(t.kernel.db)
      ).rows[0]!;
      expect(n.n).toBeGreaterThan(10);
      expect(n.pending).toBe(0);
      expect(cp.treeSize).toBe(n.n);
    }
  });
});
