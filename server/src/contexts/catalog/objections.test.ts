import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import { loadProfile } from '../../kernel/profiles/index.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { resourceId } from '../../seed/catalog.js';
import { OBJ_01_DELETE } from './rules/requests.js';

const clock = new FixedClock(new Date('2026-03-02T02:00:00Z')); // Mon 10:00 Shanghai
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(async () => {
  await t?.close();
});

const end = (d: string) => new Date(`${d}T23:59:59.999+08:00`).toISOString();
const openEntry = async (rid: string) =>
  (await t.anonymous.get('/api/v1/public/catalogs/open?pageSize=100'))
    .json()
    .items.find((x: any) => x.resourceId === rid);

describe('catalog scenario 10: rights objection (OPN-05, OBJ-02)', () => {
  const rid = resourceId('admin-penalty'); // 企业行政处罚信息, unconditionally open
  let id: string, field: { id: string; nameZh: string };

  it('a person objects that a field exposes their address: verifying at once, answer due in 10 WD', async () => {
    const d = (await (await t.as('source.admin')).get(`/api/v1/resources/${rid}`)).json();
    field = d.fields.find((f: any) => f.code === 'wfxw');
    expect((await openEntry(rid)).fieldNames).toContain(field.nameZh);
    const res = await t.anonymous.post(`/api/v1/public/resources/${rid}/objections`, {
      kind: 'rights_infringement',
      filerName: '张某',
      filerMobile: '13900001111',
      description: '该字段暴露了我的家庭住址',
      requestedAction: 'suspend',
      fieldIds: [field.id],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().state).toBe('verifying'); // OPN-05: in the receiving transaction
    id = res.json().id;
    const mine = (await (await t.as('source.admin')).get('/api/v1/resource-objections'))
      .json()
      .items.find((x: any) => x.id === id);
    expect(mine).toMatchObject({ state: 'verifying', dueAt: end('2026-03-16'), overdue: false }); // OBJ-02: 10 WD
    expect((await openEntry(rid)).fieldNames).toContain(field.nameZh); // objection.autoSuspend = false: the unit decides
  });

  it('only the assigned unit acts (another unit: 404); the suspend button hides the field from the open catalog at once', async () => {
    expect(
      (await (await t.as('transport.admin')).post(`/api/v1/resource-objections/${id}/suspend_fields`, {})).statusCode,
    ).toBe(404);
    expect(
      (await (await t.as('source.admin')).post(`/api/v1/resource-objections/${id}/suspend_fields`, {})).json().state,
    ).toBe('verifying');
    const entry = await openEntry(rid);
    expect(entry.fieldNames).not.toContain(field.nameZh);
    expect(entry.fieldNames.length).toBeGreaterThan(0);
    // The shared catalog (government use) is not the open catalog: the field is still there.
    const shared = (await (await t.as('transport.admin')).get('/api/v1/catalogs/shared?pageSize=100'))
      .json()
      .items.find((x: any) => x.resourceId === rid);
    expect(shared.fieldNames).toContain(field.nameZh);
  });

  it('OBJ-02: unanswered after 10 WD it is overdue; explaining reopens the field', async () => {
    clock.set('2026-03-17T02:00:00Z');
    const src = await t.as('source.admin');
    expect((await src.get('/api/v1/resource-objections')).json().items.find((x: any) => x.id === id).overdue).toBe(
      true,
    );
    expect((await src.post(`/api/v1/resource-objections/${id}/explain`, {})).json().error.code).toBe('REASON_REQUIRED');
    expect(
      (await src.post(`/api/v1/resource-objections/${id}/explain`, { reason: '处罚决定依法公示，不含住址' })).json()
        .state,
    ).toBe('explained');
    expect((await openEntry(rid)).fieldNames).toContain(field.nameZh);
    expect((await src.get('/api/v1/resource-objections')).json().items.find((x: any) => x.id === id).overdue).toBe(
      false,
    );
  });
});

describe('OBJ-01 data-error objection: verify, correct (new version, correction filing, CAT-06 rectification)', () => {
  const rid = resourceId('road-transport-license'); // registered, owned by zh-transport
  let id: string;
  it('a data_error objection is received, then verified by the unit', async () => {
    clock.set('2026-03-18T02:00:00Z');
    const res = await t.anonymous.post(`/api/v1/public/resources/${rid}/objections`, {
      kind: 'data_error',
      filerName: '某运输公司',
      filerMobile: '13900002222',
      description: '经营范围登记有误',
      requestedAction: 'correct',
    });
    expect(res.json().state).toBe('received');
    id = res.json().id;
    expect(
      (await (await t.as('transport.admin')).post(`/api/v1/resource-objections/${id}/verify`, {})).json().state,
    ).toBe('verifying');
  });
  it('jilin-only deletion is refused here (409 OBJECTION_DELETE_NOT_ALLOWED); jilin allows it', async () => {
    const res = await (await t.as('transport.admin')).post(`/api/v1/resource-objections/${id}/delete`, {
      reason: '侵犯商业秘密',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('OBJECTION_DELETE_NOT_ALLOWED');
    expect(
      OBJ_01_DELETE.check(
        { deleteAllowed: loadProfile('jilin').get<boolean>('objection.allowDelete') },
        loadProfile('jilin'),
      ).ok,
    ).toBe(true);
  });
  it('correcting raises the version, opens a correction filing (registered content changed) and a CAT-06 rectification task', async () => {
    const u = await t.as('transport.admin');
    const before = (await u.get(`/api/v1/resources/${rid}`)).json().version;
    const res = await u.post(`/api/v1/resource-objections/${id}/correct`, {
      reason: '已更正经营范围',
      changedFields: ['jyfw'],
    });
    expect(res.json().state).toBe('corrected');
    expect((await u.get(`/api/v1/resources/${rid}`)).json().version).toBe(before + 1);
    const tasks = (await u.get('/api/v1/catalog-tasks')).json().items.filter((x: any) => x.resourceId === rid);
    expect(tasks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'change_filing',
          ruleId: 'OBJ-01',
          details: expect.objectContaining({ type: 'correction', changed: ['jyfw'] }),
        }),
        expect.objectContaining({ kind: 'rectification', ruleId: 'CAT-06', dueAt: end('2026-04-01') }),
      ]),
    );
  });
});

describe('CAT-01 three catalogs per jurisdiction; OPN-03 attribution; OPN-06 labels', () => {
  it('one resource is in the shared and the open catalog of 珠海; another jurisdiction filter lists none of them', async () => {
    const c = await t.as('transport.admin');
    const rid = resourceId('port-throughput');
    const zh = (await c.get(`/api/v1/resources/${rid}`)).json().jurisdictionId;
    for (const type of ['shared', 'open']) {
      const items = (await c.get(`/api/v1/catalogs/${type}?jurisdictionId=${zh}&pageSize=100`)).json().items;
      expect(items.map((x: any) => x.resourceId)).toContain(rid);
      expect(items.every((x: any) => x.catalogType === type && x.jurisdictionId === zh)).toBe(true);
    }
    const other = (
      await c.get(`/api/v1/catalogs/open?jurisdictionId=${'00000000-0000-4000-8000-000000000000'}`)
    ).json();
    expect(other.total).toBe(0);
    expect((await c.get('/api/v1/catalogs/secret')).statusCode).toBe(400);
    // A not_open resource is in the shared catalog only.
    const closed = resourceId('vaccination');
    expect(
      (await c.get('/api/v1/catalogs/open?pageSize=100')).json().items.map((x: any) => x.resourceId),
    ).not.toContain(closed);
    expect((await c.get('/api/v1/catalogs/shared?pageSize=100')).json().items.map((x: any) => x.resourceId)).toContain(
      closed,
    );
  });

  it('OPN-03: the open catalog is public and every entry names its source', async () => {
    const items = (await t.anonymous.get('/api/v1/public/catalogs/open?pageSize=100')).json().items;
    expect(items.length).toBeGreaterThan(3);
    const port = items.find((x: any) => x.resourceId === resourceId('port-throughput'));
    expect(port.attribution).toBe(`数据来源：${port.sourceUnitName}`);
    expect(port.sourceUnitName).toBeTruthy();
    expect((await t.anonymous.get('/api/v1/catalogs/open')).statusCode).toBe(401); // the other catalogs need a login
  });

  it('OPN-06: the zhuhai profile labels conditional opening 定向开放; xiamen 依申请开放; national 有条件开放', async () => {
    const d = (await (await t.as('source.admin')).get(`/api/v1/resources/${resourceId('food-license')}`)).json();
    expect(d).toMatchObject({ openClass: 'conditional', openClassLabel: '定向开放' });
    const { openClassLabel } = await import('./present.js');
    expect(openClassLabel(loadProfile('xiamen'), 'conditional')).toBe('依申请开放');
    expect(openClassLabel(loadProfile('xiamen'), 'unconditional')).toBe('普遍开放');
    expect(openClassLabel(loadProfile('national-2025'), 'conditional')).toBe('有条件开放');
  });
});
