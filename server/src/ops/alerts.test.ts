import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/harness.js';
import { signCheckpointIfDue } from '../kernel/ledger/checkpoint.js';
import { takeBackup } from './backup.js';
import { tmp } from './test/drill.js';

const ROOT = join(__dirname, '../../..');
const RULES = join(ROOT, 'ops/alerts/shuyun.rules.yml');
const rulesText = readFileSync(RULES, 'utf8');
const alerts = [...rulesText.matchAll(/- alert: (\w+)/g)].map((m) => m[1]!);
const exprMetrics = [...new Set([...rulesText.matchAll(/\b(shuyun_[a-z_]+)/g)].map((m) => m[1]!))];
const metric = (text: string, name: string, labels = '') =>
  text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));

describe('alerts (issue 21): /metrics carries what the rules page on', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ template: 'demo' });
    await signCheckpointIfDue(t.kernel, 'main', { force: true });
  });
  afterAll(async () => t?.close());

  it('every shuyun_* series an alert rule uses is exported by /metrics, with a value', async () => {
    const text = (await t.anonymous.get('/metrics')).body;
    expect(exprMetrics.length).toBeGreaterThanOrEqual(9);
    for (const name of exprMetrics) expect(text, name).toMatch(new RegExp(`^${name}(\\{[^}]*\\})? \\S+$`, 'm'));
  });

  it('shuyun_ledger_entries per log equals the entries in the table (pending and all), read without a full scan', async () => {
    const text = (await t.anonymous.get('/metrics')).body;
    const counted = await sql<{ log_id: string; pending: number; total: number }>`
      SELECT log_id, count(*) FILTER (WHERE seq IS NULL)::int AS pending, count(*)::int AS total
        FROM ledger_entry GROUP BY log_id`.execute(t.kernel.db);
    expect(counted.rows.length).toBeGreaterThan(0);
    for (const c of counted.rows) {
      expect(text).toMatch(
        new RegExp(`^shuyun_ledger_entries\\{log="${c.log_id}",state="pending"\\} ${c.pending}$`, 'm'),
      );
      expect(text).toMatch(new RegExp(`^shuyun_ledger_entries\\{log="${c.log_id}",state="all"\\} ${c.total}$`, 'm'));
    }
  });

  it('backup age is +Inf before any backup and counts from the last verified one after', async () => {
    const before = (await t.anonymous.get('/metrics')).body;
    expect(metric(before, 'shuyun_backup_last_verified_age_seconds')).toMatch(/ \+Inf$/);
    await takeBackup(t.kernel, join(tmp('shuyun-bak-'), 'b'));
    const after = (await t.anonymous.get('/metrics')).body;
    expect(Number(metric(after, 'shuyun_backup_last_verified_age_seconds')!.split(' ')[1])).toBeLessThan(60);
  });

  it('the demo data shows an egress review backlog and every clock gauge', async () => {
    const text = (await t.anonymous.get('/metrics')).body;
    expect(metric(text, 'shuyun_egress_review_backlog')).toBeDefined();
    expect(text).toMatch(/^shuyun_clocks_overdue\{clock="sandbox_egress_request.review_due_at"\} \d+$/m);
    expect(text).toMatch(/^shuyun_ledger_checkpoint_age_seconds\{log="[^"]+"\} \d+$/m);
  });

  it('a lab egress awaiting the authority second review (LAB-35) still counts in the review backlog', async () => {
    const backlog = async () =>
      Number(metric((await t.anonymous.get('/metrics')).body, 'shuyun_egress_review_backlog')!.split(' ')[1]);
    const before = await backlog();
    expect(before).toBeGreaterThan(0);
    // Only the gauge is under test: one waiting request is put in the second-review state directly.
    await sql`UPDATE sandbox_egress_request SET state = 'awaiting_second_review'
      WHERE id = (SELECT id FROM sandbox_egress_request WHERE state = 'awaiting_review' LIMIT 1)`.execute(t.kernel.db);
    expect(await backlog()).toBe(before);
  });

  it('every alert has a runbook section in docs/operations.md', () => {
    const doc = readFileSync(join(ROOT, 'docs/operations.md'), 'utf8').toLowerCase();
    expect(alerts.length).toBe(8);
    for (const a of alerts) {
      expect(rulesText).toContain(`docs/operations.md#${a.toLowerCase()}`);
      expect(doc, a).toContain(`### ${a.toLowerCase()}`);
    }
  });

  it('promtool check rules passes (when promtool is installed; CI installs it)', () => {
    if (spawnSync('promtool', ['--version']).error) return; // no promtool here: the checks above still ran
    const out = execFileSync('promtool', ['check', 'rules', RULES], { encoding: 'utf8' });
    expect(out).toMatch(/SUCCESS: 8 rules found/);
  });
});
