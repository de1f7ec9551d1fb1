import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProfile } from '../../kernel/profiles/index.js';
import type { RuleResult } from '../../kernel/workflow/rules.js';
import { oid } from '../../seed/identity.js';
import { startTestApp, type Client, type TestApp } from '../../test/harness.js';
import { RA_20, type RulebookFacts } from './rules/rulebook.js';
import { ok, ORG } from './test/factories.js';

// RA-20: the registry publishes its business rules and fee schedule; a change is filed with the authority
// (备案, Shenzhen/Guizhou) or approved by it (同意, Anhui) before it is published. Decision 0083.
const code = (r: RuleResult) => (r.ok ? 'pass' : r.code);
const AUTHORITY = oid('zh-authority');
const facts = (over: Partial<RulebookFacts> = {}): RulebookFacts => ({
  route: 'file',
  rulesText: '第一条 登记申请人应当……',
  feeLines: 1,
  authorityOrgId: AUTHORITY,
  registryOrgId: ORG.luohuRegistry,
  ...over,
});

describe('RA-20 rule: the route a rulebook change takes is the profile’s, with rules and fees together', () => {
  const shenzhen = loadProfile('shenzhen');
  const anhui = loadProfile('anhui');
  it('passes a Shenzhen filing (备案) and an Anhui submission for approval (同意)', () => {
    expect(code(RA_20.check(facts(), shenzhen))).toBe('pass');
    expect(code(RA_20.check(facts({ route: 'approve' }), anhui))).toBe('pass');
  });
  it('refuses to publish an Anhui change by mere filing, and a Shenzhen one by approval', () => {
    expect(code(RA_20.check(facts(), anhui))).toBe('RULEBOOK_ROUTE_MISMATCH');
    expect(code(RA_20.check(facts({ route: 'approve' }), shenzhen))).toBe('RULEBOOK_ROUTE_MISMATCH');
  });
  it('refuses rules without a fee schedule, or without rules text', () => {
    expect(code(RA_20.check(facts({ feeLines: 0 }), shenzhen))).toBe('RULEBOOK_INCOMPLETE');
    expect(code(RA_20.check(facts({ rulesText: '  ' }), shenzhen))).toBe('RULEBOOK_INCOMPLETE');
  });
  it('refuses a registry filing with itself', () => {
    const self = facts({ authorityOrgId: ORG.luohuRegistry });
    expect(code(RA_20.check(self, shenzhen))).toBe('RULEBOOK_AUTHORITY_INVALID');
  });
});

let t: TestApp;
let registry: Client;
let authority: Client;
const body = (over: Record<string, unknown> = {}) => ({
  profile: 'shenzhen',
  title: '数据产权登记业务规则',
  summary: '登记申请、受理、审查和证书发放的规则与收费',
  rulesText: '第一条 为规范数据产权登记……',
  feeLines: [
    { item: '首次登记', unit: '件', amountFen: 50_000 },
    { item: '变更登记', unit: '件', amountFen: 20_000 },
  ],
  ...over,
});
const publicList = async () =>
  (await ok(t.anonymous.get(`/api/v1/public/registry-rulebooks?registryOrgId=${ORG.luohuRegistry}`))) as {
    items: { id: string; state: string; versionNo: number; feeLines: { amountFen: number }[] }[];
  };

beforeAll(async () => {
  t = await startTestApp();
  registry = await t.as('luohu.reviewer');
  authority = await t.as('authority.admin');
}, 180_000);
afterAll(() => t?.close());

describe('RA-20 over HTTP: drafted, filed or approved, published with its history', () => {
  let v1: string;
  it('shows the demo registry’s published rulebook without login (seed)', async () => {
    expect((await publicList()).items.map((i) => [i.versionNo, i.state])).toEqual([[1, 'published']]);
  });

  it('keeps a draft off the public list, and lets only a registry draft', async () => {
    const d = await ok(registry.post('/api/v1/registry-rulebooks', body()), 201);
    v1 = d.id;
    expect(d).toMatchObject({ state: 'draft', changeRoute: 'file', versionNo: 2 });
    expect((await publicList()).items.map((i) => i.id)).not.toContain(v1);
    const op = await (await t.as('operator.admin')).post('/api/v1/registry-rulebooks', body());
    expect([403, 404]).toContain(op.statusCode);
  });

  it('refuses filing with the registry itself, and submitting for approval where the profile files', async () => {
    const self = await registry.post(`/api/v1/registry-rulebooks/${v1}/file`, { authorityOrgId: ORG.luohuRegistry });
    expect(self.statusCode).toBe(422);
    expect(self.json().error.code).toBe('RULEBOOK_AUTHORITY_INVALID');
    const notAuthority = await registry.post(`/api/v1/registry-rulebooks/${v1}/file`, { authorityOrgId: ORG.buyer });
    expect(notAuthority.json().error.code).toBe('RULEBOOK_AUTHORITY_INVALID');
    const wrong = await registry.post(`/api/v1/registry-rulebooks/${v1}/submit`, { authorityOrgId: AUTHORITY });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().error.code).toBe('RULEBOOK_ROUTE_MISMATCH');
    expect((await ok(registry.get(`/api/v1/registry-rulebooks/${v1}`))).state).toBe('draft');
  });

  it('publishes a Shenzhen version on filing, fees in fen, readable without login', async () => {
    const filed = await ok(registry.post(`/api/v1/registry-rulebooks/${v1}/file`, { authorityOrgId: AUTHORITY }));
    expect(filed).toMatchObject({ state: 'published', authorityOrgId: AUTHORITY });
    expect(filed.publishedAt).toBeTruthy();
    const pub = await publicList();
    expect(pub.items.find((i) => i.id === v1)?.feeLines.map((f) => f.amountFen)).toEqual([50_000, 20_000]);
  });

  it('an Anhui version waits for the authority, which alone approves; the old one stays public as superseded', async () => {
    const d = await ok(registry.post('/api/v1/registry-rulebooks', body({ profile: 'anhui', title: '修订版' })), 201);
    const filed = await registry.post(`/api/v1/registry-rulebooks/${d.id}/file`, { authorityOrgId: AUTHORITY });
    expect(filed.json().error.code).toBe('RULEBOOK_ROUTE_MISMATCH');
    const sub = await ok(registry.post(`/api/v1/registry-rulebooks/${d.id}/submit`, { authorityOrgId: AUTHORITY }));
    expect(sub.state).toBe('submitted');
    expect((await publicList()).items.map((i) => i.id)).not.toContain(d.id);
    // The registry cannot approve its own change; an unrelated organization cannot even see it.
    expect((await registry.post(`/api/v1/registry-rulebooks/${d.id}/approve`, {})).statusCode).toBe(403);
    const stranger = await t.as('collaborator.admin');
    expect((await stranger.post(`/api/v1/registry-rulebooks/${d.id}/approve`, {})).statusCode).toBe(404);
    const mine = await ok(authority.get('/api/v1/registry-rulebooks'));
    expect(mine.items.map((i: { id: string }) => i.id)).toContain(d.id);
    const approved = await ok(authority.post(`/api/v1/registry-rulebooks/${d.id}/approve`, { note: '同意' }));
    expect(approved).toMatchObject({ state: 'published', decisionNote: '同意' });
    const states = Object.fromEntries((await publicList()).items.map((i) => [i.versionNo, i.state]));
    expect(states).toEqual({ 1: 'superseded', 2: 'superseded', 3: 'published' });
  });

  it('refuses bad input without a change (negative fee, unknown profile)', async () => {
    const neg = await registry.post(
      '/api/v1/registry-rulebooks',
      body({ feeLines: [{ item: 'x', unit: '件', amountFen: -1 }] }),
    );
    expect(neg.statusCode).toBe(400); // the schema refuses a negative fee before any use case runs
    const unknown = await registry.post('/api/v1/registry-rulebooks', body({ profile: 'atlantis' }));
    expect(unknown.statusCode).toBe(422);
    expect((await ok(registry.get('/api/v1/registry-rulebooks'))).total).toBe(3);
  });
});
