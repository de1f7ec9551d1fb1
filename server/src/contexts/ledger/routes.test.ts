import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashWith } from '../../kernel/crypto/sm3.js';
import { hasherFor, verifyConsistency, verifyInclusion } from '../../kernel/ledger/merkle.js';
import { parseNote } from '../../kernel/ledger/note.js';
import { systemActor } from '../../kernel/workflow/actor.js';
import { definePermissions } from '../../kernel/workflow/authorize.js';
import { defineLifecycle, NEW } from '../../kernel/workflow/lifecycle.js';
import { transition } from '../../kernel/workflow/transition.js';
import { jid, oid } from '../../seed/identity.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { flushLog } from './usecases/public-ledger.js';

definePermissions({
  'ledgertest.write': { kind: 'write', roles: ['system'], actors: ['system'], relationships: ['any'] },
});
const thing = defineLifecycle({
  objectType: 'LedgerTestThing',
  table: 'ledger_test_thing',
  states: ['draft', 'open', 'closed'],
  transitions: {
    create: { from: [NEW], to: 'draft', permission: 'ledgertest.write' },
    open: { from: ['draft'], to: 'open', permission: 'ledgertest.write' },
    close: { from: ['open'], to: 'closed', permission: 'ledgertest.write' },
  },
});

let t: TestApp;
const thingId = randomUUID();
const dir = mkdtempSync(join(tmpdir(), 'ledger-routes-'));
const VERIFY = join(__dirname, '../../../../tools/verify/bin/ledger-verify.mjs');
const verifyFile = (name: string, body: unknown) => {
  writeFileSync(join(dir, name), typeof body === 'string' ? body : JSON.stringify(body));
  return spawnSync(process.execPath, [VERIFY, join(dir, name)], { encoding: 'utf8' });
};

beforeAll(async () => {
  t = await startTestApp({ template: 'demo' });
  await sql`CREATE TABLE ledger_test_thing (id uuid PRIMARY KEY, title text, state text NOT NULL, version int NOT NULL, updated_at timestamptz)`.execute(
    t.kernel.db,
  );
  const subject = {
    type: 'LedgerTestThing',
    id: thingId,
    jurisdictionId: jid('440400'),
    jurisdictionPath: [jid('440400')],
  };
  let obj: any = null;
  for (const action of ['create', 'open', 'close']) {
    await t.kernel.db.transaction().execute(async (trx) => {
      const r = await transition(trx, t.kernel.workflow, {
        lifecycle: thing,
        action,
        actor: systemActor('test'),
        object: obj,
        subject,
        values: action === 'create' ? { id: thingId, title: '测试对象' } : {},
      });
      obj = { id: r.id, state: r.state, version: r.version };
    });
  }
  await flushLog(t.kernel, 'main', { forceCheckpoint: true });
  await flushLog(t.kernel, 'audit', { forceCheckpoint: true });
});
afterAll(() => t?.close());

describe('LED-09 public ledger API (no login, fixed shapes)', () => {
  it('serves the checkpoint as a C2SP signed note that OpenSSL verifies with distid 1234567812345678 (acceptance 5)', async () => {
    const res = await t.anonymous.get('/api/v1/ledger/checkpoint');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const note = parseNote(res.body);
    expect(note.checkpoint.origin).toBe('ledger.shuyun.local/main-sm3');
    expect(res.body).toMatch(
      /^ledger\.shuyun\.local\/main-sm3\n\d+\n[A-Za-z0-9+/]+=*\ntime \d+\n\n— ledger\.shuyun\.local\/main-sm3 [A-Za-z0-9+/=]+\n$/,
    );
    const pk = (await t.anonymous.get('/api/v1/ledger/public-key')).json();
    expect(pk).toEqual({
      keyName: 'ledger.shuyun.local/main-sm3',
      algorithm: 'sm2-sm3',
      publicKeyPem: expect.stringContaining('BEGIN PUBLIC KEY'),
    });
    writeFileSync(join(dir, 'pub.pem'), pk.publicKeyPem);
    writeFileSync(join(dir, 'note.txt'), note.body);
    writeFileSync(join(dir, 'sig.der'), note.signatures[0]!.sig);
    const ossl = (extra: string[]) =>
      spawnSync(
        'openssl',
        [
          'pkeyutl',
          '-verify',
          '-pubin',
          '-inkey',
          'pub.pem',
          '-rawin',
          '-digest',
          'sm3',
          ...extra,
          '-in',
          'note.txt',
          '-sigfile',
          'sig.der',
        ],
        { cwd: dir, encoding: 'utf8' },
      );
    expect(ossl(['-pkeyopt', 'distid:1234567812345678']).status).toBe(0);
    expect(ossl([]).status).not.toBe(0);
    expect(verifyFile('cp.json', { checkpoint: res.body, publicKeyPem: pk.publicKeyPem }).status).toBe(0);
  });

  it('serves entries with commitments only (LED-03) and inclusion proofs that verify for every seq', async () => {
    const note = parseNote((await t.anonymous.get('/api/v1/ledger/checkpoint')).body).checkpoint;
    const h = hasherFor('sm3');
    for (let seq = 0; seq < note.treeSize; seq++) {
      const e = (await t.anonymous.get(`/api/v1/ledger/entries/${seq}`)).json();
      const d = Buffer.from(e.leafData, 'base64');
      expect(hashWith('sm3', Buffer.from([0]), d).toString('hex')).toBe(e.leafHash);
      expect(Object.keys(JSON.parse(d.toString('utf8'))).sort()).toEqual([
        'eventId',
        'headerCommitment',
        'logId',
        'occurredAt',
        'payloadCommitment',
        'schemaVersion',
      ]);
      const p = (await t.anonymous.get(`/api/v1/ledger/proofs/inclusion?seq=${seq}&treeSize=${note.treeSize}`)).json();
      expect(Object.keys(p).sort()).toEqual(['hashes', 'leafHash', 'seq', 'treeSize']);
      expect(
        verifyInclusion(
          h,
          seq,
          note.treeSize,
          Buffer.from(p.leafHash, 'hex'),
          p.hashes.map((x: string) => Buffer.from(x, 'hex')),
          note.rootHash,
        ),
      ).toBe(true);
    }
    const body = (await t.anonymous.get(`/api/v1/ledger/entries/0`)).body;
    expect(body).not.toContain(oid('zh-operator'));
  });

  it('serves consistency proofs between any two sizes, checked against signed roots', async () => {
    const sizeA = parseNote((await t.anonymous.get('/api/v1/ledger/checkpoint')).body).checkpoint;
    await t.kernel.db.transaction().execute((trx) =>
      transition(trx, t.kernel.workflow, {
        lifecycle: thing,
        action: 'create',
        actor: systemActor('test'),
        object: null,
        subject: { type: 'LedgerTestThing' },
        values: { id: randomUUID() },
      }),
    );
    await flushLog(t.kernel, 'main', { forceCheckpoint: true });
    const sizeB = parseNote((await t.anonymous.get('/api/v1/ledger/checkpoint')).body).checkpoint;
    expect(sizeB.treeSize).toBe(sizeA.treeSize + 1);
    const p = (
      await t.anonymous.get(`/api/v1/ledger/proofs/consistency?from=${sizeA.treeSize}&to=${sizeB.treeSize}`)
    ).json();
    expect(Object.keys(p).sort()).toEqual(['from', 'hashes', 'to']);
    expect(
      verifyConsistency(
        hasherFor('sm3'),
        sizeA.treeSize,
        sizeB.treeSize,
        sizeA.rootHash,
        sizeB.rootHash,
        p.hashes.map((x: string) => Buffer.from(x, 'hex')),
      ),
    ).toBe(true);
    expect(
      verifyFile('cons.json', {
        ...p,
        fromRoot: sizeA.rootHash.toString('hex'),
        toRoot: sizeB.rootHash.toString('hex'),
      }).status,
    ).toBe(0);
  });

  it('answers 400 PROOF_RANGE_INVALID for seq ≥ treeSize or from > to, 404 for an unknown log', async () => {
    const size = parseNote((await t.anonymous.get('/api/v1/ledger/checkpoint')).body).checkpoint.treeSize;
    const a = await t.anonymous.get(`/api/v1/ledger/proofs/inclusion?seq=${size}&treeSize=${size}`);
    expect(a.statusCode).toBe(400);
    expect(a.json().error.code).toBe('PROOF_RANGE_INVALID');
    expect((await t.anonymous.get('/api/v1/ledger/proofs/consistency?from=5&to=3')).json().error.code).toBe(
      'PROOF_RANGE_INVALID',
    );
    expect((await t.anonymous.get(`/api/v1/ledger/proofs/consistency?from=1&to=${size + 10}`)).statusCode).toBe(400);
    expect((await t.anonymous.get('/api/v1/ledger/checkpoint?log=nope')).statusCode).toBe(404);
    expect((await t.anonymous.get('/api/v1/ledger/entries/999999')).json().error.code).toBe('LEDGER_ENTRY_NOT_FOUND');
  });

  it('serves the audit log with ?log=audit', async () => {
    const res = await t.anonymous.get('/api/v1/ledger/checkpoint?log=audit');
    expect(res.statusCode).toBe(200);
    expect(parseNote(res.body).checkpoint.origin).toBe('ledger.shuyun.local/audit-sm3');
    expect((await t.anonymous.get('/api/v1/ledger/public-key?log=audit')).json().keyName).toBe(
      'ledger.shuyun.local/audit-sm3',
    );
  });
});

describe('LED-13 evidence package', () => {
  it('the authority of the jurisdiction exports a package that the offline verifier accepts (exit 0)', async () => {
    const c = await t.as('authority.admin');
    const res = await c.post('/api/v1/evidence-packages', {
      objectType: 'LedgerTestThing',
      objectId: thingId,
      purpose: '仲裁举证',
    });
    expect(res.statusCode).toBe(200);
    const pkg = res.json();
    expect(Object.keys(pkg.files).sort()).toEqual([
      'checkpoint.txt',
      'entries.json',
      'extraction-log.json',
      'proofs.json',
      'public-key.json',
    ]);
    const entries = JSON.parse(pkg.files['entries.json']);
    expect(entries.map((e: any) => e.header.eventType)).toEqual([
      'LedgerTestThing.create',
      'LedgerTestThing.open',
      'LedgerTestThing.close',
    ]);
    expect(entries[0].payload).toMatchObject({ values: { title: '测试对象' } });
    const log = JSON.parse(pkg.files['extraction-log.json']);
    expect(log.at(-1)).toMatchObject({ purpose: '仲裁举证', loginName: 'authority.admin' });
    const r = verifyFile('pkg.json', pkg);
    expect(r.stdout).toContain('VALID');
    expect(r.status).toBe(0);
    // the export is itself a ledger entry (audit log)
    expect(
      (
        await sql<{
          n: number;
        }>`SELECT count(*)::int AS n FROM event WHERE event_type = 'ledger.evidence_exported'`.execute(t.kernel.db)
      ).rows[0]!.n,
    ).toBeGreaterThan(0);
  });

  it('one changed byte in any file makes the verifier name it and exit 1', async () => {
    const c = await t.as('authority.admin');
    const pkg = (
      await c.post('/api/v1/evidence-packages', { objectType: 'LedgerTestThing', objectId: thingId, purpose: '复核' })
    ).json();
    const bad = {
      ...pkg,
      files: { ...pkg.files, 'entries.json': pkg.files['entries.json'].replace('测试对象', '测试对像') },
    };
    const r = verifyFile('bad.json', bad);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/✗ 文件 entries\.json/);
    const forged = {
      ...pkg,
      manifest: {
        ...pkg.manifest,
        files: pkg.manifest.files.map((f: any) =>
          f.path === 'entries.json'
            ? { ...f, sm3: hashWith('sm3', Buffer.from(bad.files['entries.json'])).toString('hex') }
            : f,
        ),
      },
      files: bad.files,
    };
    const r2 = verifyFile('forged.json', forged);
    expect(r2.status).toBe(1);
    expect(r2.stdout).toMatch(/✗ 清单签名有效|✗ .*载荷承诺/);
  });

  it('is refused to actors who may not see the object (404), to the public (401), and needs a purpose', async () => {
    expect(
      (
        await (
          await t.as('luohu.reviewer')
        ).post('/api/v1/evidence-packages', { objectType: 'LedgerTestThing', objectId: thingId, purpose: 'x' })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await (
          await t.as('operator.admin')
        ).post('/api/v1/evidence-packages', { objectType: 'LedgerTestThing', objectId: thingId, purpose: 'x' })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await t.anonymous.post('/api/v1/evidence-packages', {
          objectType: 'LedgerTestThing',
          objectId: thingId,
          purpose: 'x',
        })
      ).statusCode,
    ).toBe(401);
    const noPurpose = await (await t.as('authority.admin')).post('/api/v1/evidence-packages', {
      objectType: 'LedgerTestThing',
      objectId: thingId,
      purpose: ' ',
    });
    expect(noPurpose.json().error.code).toBe('EVIDENCE_PURPOSE_REQUIRED');
  });

  it('the owning org gets the package of its own Organization object', async () => {
    const c = await t.as('operator.admin');
    const res = await c.post('/api/v1/evidence-packages', {
      objectType: 'Organization',
      objectId: oid('zh-operator'),
      purpose: '自查',
    });
    expect(res.statusCode).toBe(200);
    expect(verifyFile('org.json', res.json()).status).toBe(0);
    const timeline = await c.get(`/api/v1/ledger/objects/Organization/${oid('zh-operator')}/entries`);
    expect(timeline.json().items[0]).toMatchObject({ eventType: 'Organization.imported', toState: 'active' });
  });

  it("LED-13 an object's timeline and package follow the object's own read rule (its GET): the Grant holder and the authority see it, another org does not", async () => {
    const g = (
      await sql<any>`SELECT id, holder_org_id FROM data_grant ORDER BY created_at LIMIT 1`.execute(t.kernel.db)
    ).rows[0];
    expect(g.holder_org_id).toBe(oid('zh-operator'));
    const url = `/api/v1/ledger/objects/Grant/${g.id}/entries`;
    for (const user of ['operator.admin', 'authority.admin']) {
      const c = await t.as(user);
      expect((await c.get(`/api/v1/grants/${g.id}`)).statusCode).toBe(200);
      const r = await c.get(url);
      expect([user, r.statusCode]).toEqual([user, 200]);
      expect(r.json().items.length).toBeGreaterThan(0);
    }
    const buyer = await t.as('buyer.admin');
    expect((await buyer.get(`/api/v1/grants/${g.id}`)).statusCode).toBe(404);
    expect((await buyer.get(url)).statusCode).toBe(404);
    expect(
      (await buyer.post('/api/v1/evidence-packages', { objectType: 'Grant', objectId: g.id, purpose: 'x' })).statusCode,
    ).toBe(404);
  });

  it('LED-13 a published resource is open to all in the catalog, its ledger history only to its source unit and supervisors; a malformed id is 404', async () => {
    const r = (
      await sql<any>`SELECT id FROM data_resource WHERE state = 'published' AND source_unit_org_id = ${oid('zh-samr')} ORDER BY created_at LIMIT 1`.execute(
        t.kernel.db,
      )
    ).rows[0];
    const url = `/api/v1/ledger/objects/DataResource/${r.id}/entries`;
    const transport = await t.as('transport.admin');
    expect((await transport.get(`/api/v1/resources/${r.id}`)).statusCode).toBe(200);
    expect((await transport.get(url)).statusCode).toBe(404);
    for (const user of ['source.admin', 'authority.admin'])
      expect([user, (await (await t.as(user)).get(url)).statusCode]).toEqual([user, 200]);
    expect(
      (await (await t.as('source.admin')).get('/api/v1/ledger/objects/DataResource/not-a-uuid/entries')).statusCode,
    ).toBe(404);
  });
});
