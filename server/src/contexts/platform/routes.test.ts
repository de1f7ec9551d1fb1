import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe('profiles (architecture §5)', () => {
  it('resolves zhuhai through national-2025', async () => {
    const c = await t.as('authority.admin');
    const p = (await c.get('/api/v1/profile')).json();
    expect(p.id).toBe('zhuhai');
    expect(p.chain).toEqual(['zhuhai', 'national-2025']);
    expect(p.params.find((x: any) => x.key === 'auth.lockoutThreshold').value).toBe(5);
  });

  it('records an override as an event and applies it at once', async () => {
    const admin = await t.as('platform.admin');
    const r = await admin.post('/api/v1/profile/overrides', {
      key: 'auth.lockoutThreshold',
      value: 3,
      reason: '等保三级要求',
    });
    expect(r.statusCode).toBe(201);
    expect(t.kernel.profile.get('auth.lockoutThreshold')).toBe(3);
    const ev = (await sql<any>`SELECT event_type FROM event WHERE object_id = ${r.json().id}`.execute(t.kernel.db))
      .rows;
    expect(ev.map((e) => e.event_type)).toEqual(['profile.override_set']);
    const again = await admin.post('/api/v1/profile/overrides', {
      key: 'auth.lockoutThreshold',
      value: 4,
      reason: '调整',
    });
    expect(again.statusCode).toBe(201);
    expect(t.kernel.profile.get('auth.lockoutThreshold')).toBe(4);
    const active = (
      await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM profile_override WHERE key = 'auth.lockoutThreshold' AND state = 'active'`.execute(
        t.kernel.db,
      )
    ).rows[0]!.n;
    expect(active).toBe(1);
  });

  it('refuses unknown keys and type changes (PRF-01), and non-platform users', async () => {
    const admin = await t.as('platform.admin');
    const unknown = await admin.post('/api/v1/profile/overrides', { key: 'nope.key', value: 1, reason: 'x y' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.details.failures[0].ruleId).toBe('PRF-01');
    const typed = await admin.post('/api/v1/profile/overrides', {
      key: 'auth.lockoutMinutes',
      value: 'fifteen',
      reason: 'x y',
    });
    expect(typed.json().error.code).toBe('PROFILE_VALUE_TYPE');
    const authority = await t.as('authority.admin');
    const r = await authority.post('/api/v1/profile/overrides', {
      key: 'auth.lockoutMinutes',
      value: 10,
      reason: 'x y',
    });
    expect(r.statusCode).toBe(403);
    expect(t.kernel.profile.get('auth.lockoutMinutes')).toBe(15);
  });
});
