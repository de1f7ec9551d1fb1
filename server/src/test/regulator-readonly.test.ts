import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadUserActor } from '../contexts/identity/service.js';
import { registeredRoutes } from '../kernel/http/server.js';
import { allPermissions, authorize, type Subject } from '../kernel/workflow/authorize.js';
import { jid, oid, uid } from '../seed/identity.js';
import { startTestApp, type TestApp } from './harness.js';

// IAM-16: a regulator is read-only over its jurisdiction subtree (and sees personal data masked).
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

// A regulator changes only its own account (password, TOTP, SSO link) and logs out.
const OWN_ACCOUNT = new Set(['user.change_password']);
const ACCOUNT_ROUTES = /^\/api\/v1\/auth\//;

describe('IAM-16 regulators are read-only', () => {
  it('no write or approval permission is granted to the regulator, whatever the object', async () => {
    const a = (await loadUserActor(t.kernel.db, uid('regulator.viewer'), oid('zh-regulator'), t.kernel.clock.now()))!;
    const everyRole = { ...a, roles: ['auditor', 'org_admin', 'reviewer', 'member', 'signatory', 'security_officer'] };
    const zh = [jid('000000'), jid('440000'), jid('440400')];
    const subject: Subject = {
      type: 'Any',
      id: 'x',
      jurisdictionId: jid('440400'),
      jurisdictionPath: zh,
      ownerOrgId: oid('zh-samr'),
      sourceUnitOrgIds: [oid('zh-samr')],
      partyOrgIds: [oid('zh-operator')],
      granteeOrgIds: [oid('zh-operator')],
    };
    const allowed: string[] = [];
    for (const [name, p] of allPermissions()) {
      // Filing an objection is everyone's right, the public's included (catalog.md); it changes no one's object.
      if (p.kind === 'read' || OWN_ACCOUNT.has(name) || p.actors.includes('public')) continue;
      for (const actor of [a, everyRole]) {
        if (authorize(actor, name, subject, t.kernel.clock.now(), t.kernel.profile).allowed) allowed.push(name);
      }
    }
    expect(allowed).toEqual([]);
  });

  it('every write route answers the regulator without a 2xx', async () => {
    const c = await t.as('regulator.viewer');
    const writes = (registeredRoutes.get(t.app) ?? []).filter(
      (r) =>
        ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method) &&
        r.url.startsWith('/api/v1/') &&
        !ACCOUNT_ROUTES.test(r.url),
    );
    expect(writes.length).toBeGreaterThan(30);
    const ids = [oid('zh-samr'), oid('zh-operator'), oid('zh-regulator')];
    const done: string[] = [];
    for (const r of writes) {
      for (const id of r.url.includes(':') ? ids : [null]) {
        const url = id ? r.url.replace(/:[A-Za-z]+/g, id) : r.url;
        const res = await t.app.inject({
          method: r.method as 'POST',
          url,
          headers: { cookie: c.cookie!, 'x-csrf-token': c.csrf! },
          payload: {},
        });
        if (res.statusCode < 300) done.push(`${r.method} ${url} → ${res.statusCode}`);
      }
    }
    expect(done).toEqual([]);
  });

  it("shows the regulator other orgs' members with names masked; the org itself sees them in full", async () => {
    const reg = await t.as('regulator.viewer');
    const seen = (await reg.get(`/api/v1/orgs/${oid('zh-samr')}/members`)).json().items as {
      loginName: string;
      realName: string;
    }[];
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.map((m) => m.realName)).not.toContain('陈静');
    expect(seen.every((m) => m.realName.includes('*') && m.loginName.includes('*'))).toBe(true);
    const own = (await (await t.as('source.admin')).get(`/api/v1/orgs/${oid('zh-samr')}/members`)).json().items as {
      realName: string;
    }[];
    expect(own.map((m) => m.realName)).toContain('陈静');
  });
});
