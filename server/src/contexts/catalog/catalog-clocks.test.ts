import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import { loadProfile } from '../../kernel/profiles/index.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { resourceId } from '../../seed/catalog.js';
import { CAT_06, SHR_05, runCatalogClocks } from './usecases/catalog-clocks.js';

const clock = new FixedClock(new Date('2026-01-15T10:00:00Z')); // the demo data's last update day
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(async () => {
  await t?.close();
});

const p = loadProfile('zhuhai');
const tasks = async (user: string, kind: string) =>
  (await (await t.as(user)).get(`/api/v1/catalog-tasks?kind=${kind}&pageSize=100`)).json().items;

describe('CAT-06 rectification on a missed update or a quality defect', () => {
  it('the rule: one updateFrequency period after the last update; a dimension below quality.minScore', () => {
    const last = new Date('2026-01-15T02:00:00Z');
    expect(
      CAT_06.check(
        { updateFrequency: 'daily', lastUpdate: last, quality: null, now: new Date('2026-01-16T01:00:00Z') },
        p,
      ).ok,
    ).toBe(true);
    expect(
      CAT_06.check(
        { updateFrequency: 'daily', lastUpdate: last, quality: null, now: new Date('2026-01-16T03:00:00Z') },
        p,
      ),
    ).toMatchObject({ ok: false, code: 'UPDATE_MISSED' });
    expect(
      CAT_06.check(
        { updateFrequency: 'monthly', lastUpdate: last, quality: null, now: new Date('2026-02-14T03:00:00Z') },
        p,
      ).ok,
    ).toBe(true);
    expect(
      CAT_06.check(
        { updateFrequency: 'static', lastUpdate: last, quality: null, now: new Date('2030-01-01T00:00:00Z') },
        p,
      ).ok,
    ).toBe(true);
    expect(
      CAT_06.check(
        { updateFrequency: 'static', lastUpdate: last, quality: { accuracy: 60, timeliness: 59 }, now: last },
        p,
      ),
    ).toMatchObject({ ok: false, code: 'QUALITY_DEFECT', params: { dimensions: 'timeliness', minScore: 60 } });
  });

  it('on the day of the last update nothing is late', async () => {
    expect((await runCatalogClocks(t.kernel)).rectifications).toBe(0);
    expect(await tasks('source.admin', 'rectification')).toEqual([]);
  });

  it('two days later the daily resource has a rectification task due in quality.rectificationDays WD; the monthly one not yet; once per cause', async () => {
    clock.set('2026-01-17T02:00:00Z'); // Sat
    expect((await runCatalogClocks(t.kernel)).rectifications).toBeGreaterThan(0);
    expect((await runCatalogClocks(t.kernel)).rectifications).toBe(0);
    const mine = await tasks('source.admin', 'rectification');
    const er = mine.filter((x: any) => x.resourceId === resourceId('enterprise-registration'));
    expect(er).toEqual([
      expect.objectContaining({
        ruleId: 'CAT-06',
        details: expect.objectContaining({ cause: 'UPDATE_MISSED' }),
        dueAt: new Date('2026-01-30T23:59:59.999+08:00').toISOString(),
      }),
    ]);
    const transport = await tasks('transport.admin', 'rectification');
    expect(transport.map((x: any) => x.resourceId)).not.toContain(resourceId('port-throughput')); // monthly, uploaded 01-15
  });

  it('a quality dimension below the minimum opens its own task', async () => {
    const rid = resourceId('port-throughput');
    await t.kernel.db
      .updateTable('data_resource')
      .set({
        quality: JSON.stringify({
          accuracy: 95,
          consistency: 90,
          completeness: 41,
          conformity: 90,
          timeliness: 90,
          accessibility: 90,
          assessedAt: '2026-01-16',
        }),
      })
      .where('id', '=', rid)
      .execute();
    await runCatalogClocks(t.kernel);
    const got = (await tasks('transport.admin', 'rectification')).filter((x: any) => x.resourceId === rid);
    expect(got).toEqual([
      expect.objectContaining({
        details: expect.objectContaining({ cause: 'QUALITY_DEFECT', dimensions: 'completeness' }),
      }),
    ]);
  });
});

describe('SHR-05 periodic review of conditional and not-shared classes', () => {
  it('the rule: due share.reviewMonths after the last review, never for unconditional sharing', () => {
    const last = new Date('2026-01-15T02:00:00Z');
    expect(p.get<number>('share.reviewMonths')).toBe(12);
    expect(
      SHR_05.check({ shareClass: 'conditional', lastReview: last, now: new Date('2027-01-14T02:00:00Z') }, p).ok,
    ).toBe(true);
    expect(
      SHR_05.check({ shareClass: 'not_shared', lastReview: last, now: new Date('2027-01-15T02:00:00Z') }, p),
    ).toMatchObject({ ok: false, code: 'CLASS_REVIEW_DUE' });
    expect(
      SHR_05.check({ shareClass: 'unconditional', lastReview: last, now: new Date('2030-01-15T02:00:00Z') }, p).ok,
    ).toBe(true);
  });

  it('a year after publication the unit gets a review task for its conditional resource; closing it records the review', async () => {
    clock.set('2028-06-01T02:00:00Z');
    expect((await runCatalogClocks(t.kernel)).reviews).toBeGreaterThan(0);
    const c = await t.as('transport.admin');
    const reviews = (await c.get('/api/v1/catalog-tasks?kind=class_review&pageSize=100')).json().items;
    const bus = reviews.find((x: any) => x.resourceId === resourceId('bus-card'));
    expect(bus).toMatchObject({ ruleId: 'SHR-05', state: 'open', details: { shareClass: 'conditional' } });
    expect(reviews.map((x: any) => x.resourceId)).not.toContain(resourceId('port-throughput')); // unconditional
    expect((await c.post(`/api/v1/catalog-tasks/${bus.id}/close`, {})).json().state).toBe('done');
    expect((await (await t.as('health.admin')).post(`/api/v1/catalog-tasks/${bus.id}/close`, {})).statusCode).toBe(404);
    await runCatalogClocks(t.kernel);
    const again = (await c.get('/api/v1/catalog-tasks?kind=class_review&state=open&pageSize=100')).json().items;
    expect(again.map((x: any) => x.resourceId)).not.toContain(resourceId('bus-card'));
  });
});
