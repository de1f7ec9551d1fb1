import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProfile } from '../../kernel/profiles/index.js';
import { eligibleFrom, isPermanentClass, retentionPeriod } from '../ledger/rules.js';
import { startTestApp, type TestApp } from '../../test/harness.js';

// AUD-03: audit records follow ledger.md LED-14 — headers are never deleted (ledger_header); AuditEvent
// payloads are class access_log and are kept audit.retentionYears (3).
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe('AUD-03 audit retention', () => {
  it('writes every audit-log entry (logins, failures, denials, user and key changes) as class access_log', async () => {
    await t.anonymous.post('/api/v1/auth/login', { username: 'buyer.admin', password: 'not-the-password' });
    const c = await t.as('buyer.admin');
    await c.post('/api/v1/auth/logout');
    const rows = (
      await sql<{
        retention_class: string;
        n: number;
      }>`SELECT l.retention_class, count(*)::int AS n FROM ledger_entry l JOIN event e ON e.id = l.event_id
      WHERE e.event_type IN ('auth.login', 'auth.login_failed', 'auth.logout') GROUP BY l.retention_class`.execute(
        t.kernel.db,
      )
    ).rows;
    expect(rows.map((r) => r.retention_class)).toEqual(['access_log']);
    expect(rows[0]!.n).toBeGreaterThanOrEqual(3);
    const auditLog = (
      await sql<{
        retention_class: string;
      }>`SELECT DISTINCT l.retention_class FROM ledger_entry l JOIN event e ON e.id = l.event_id
      WHERE e.log_id = (SELECT log_id FROM event WHERE event_type = 'auth.login' LIMIT 1)
        AND e.object_type <> 'UsageRecord' ORDER BY 1`.execute(t.kernel.db)
    ).rows.map((r) => r.retention_class);
    expect(auditLog).toEqual(['access_log']);
  });

  it('keeps a metered UsageRecord in the audit log as class trading: the longest applicable class wins (LED-14, PM-31)', async () => {
    // The demo seeds a month of metered usage; a bill names the checkpoint holding these records, so they
    // must outlive access_log's audit.retentionYears and stay for market.recordRetentionYears.
    const classes = (
      await sql<{ retention_class: string }>`SELECT DISTINCT l.retention_class FROM ledger_entry l
        JOIN event e ON e.id = l.event_id WHERE e.object_type = 'UsageRecord'`.execute(t.kernel.db)
    ).rows.map((r) => r.retention_class);
    expect(classes).toEqual(['trading']);
  });

  it('keeps access_log payloads audit.retentionYears and never erases a header', () => {
    const p = loadProfile('zhuhai');
    expect(p.get('audit.retentionYears')).toBe(3);
    expect(retentionPeriod('access_log', p)).toEqual({ years: 3 });
    expect(eligibleFrom('access_log', '2026-11-02', p)).toBe('2029-11-03');
    expect(isPermanentClass('ledger_header', p)).toBe(true);
    expect(retentionPeriod('ledger_header', p)).toBeNull();
  });
});
