import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import { canonicalJson } from '../../kernel/crypto/jcs.js';
import { sm3Hex } from '../../kernel/crypto/sm3.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import {
  certificateStatus,
  currentLabPlaque,
  issueLabPlaque,
  revokeLabPlaque,
  type LabPlaqueInput,
} from './service.js';
import { runRightsClocks } from './usecases/clocks.js';
import { ORG } from './test/factories.js';

// The rights port the labs context calls (labs.md "Certificate … kind lab_plaque"; decision 0077).

const clock = new FixedClock(new Date('2026-06-10T02:00:00Z'));
let t: TestApp;
const dir = mkdtempSync(join(tmpdir(), 'rights-plaque-'));
const VERIFY = join(__dirname, '../../../../tools/verify/bin/ledger-verify.mjs');
const verifyOffline = (name: string, bundle: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify(bundle));
  return spawnSync(process.execPath, [VERIFY, p], { encoding: 'utf8' });
};

const plaque = (over: Partial<LabPlaqueInput> = {}): LabPlaqueInput => ({
  lab: {
    id: '0191a000-0000-7000-8000-00000000a001',
    labNo: 'ZHLAB-2026-001',
    name: '珠海市智慧交通数据创新应用实验室',
    domain: '交通',
  },
  authority: { orgId: ORG.zhuhaiRegistry, name: '珠海市政务服务和数据管理局' },
  holder: { orgId: ORG.collaborator, name: '珠海数智交通科技有限公司', uscc: '91440400MA5UXK278G' },
  initiator: '珠海市交通运输局',
  partner: '珠海数智交通科技有限公司',
  certifiedAt: '2026-06-10',
  validFrom: '2026-06-10',
  validTo: '2029-06-10',
  ...over,
});
const issue = (over: Partial<LabPlaqueInput> = {}) =>
  t.kernel.db.transaction().execute((trx) => issueLabPlaque(trx, t.kernel, plaque(over)));
const bundleOf = async (no: string) =>
  (await t.anonymous.get(`/api/v1/public/certificates/${encodeURIComponent(no)}`)).json();

beforeAll(async () => {
  t = await startTestApp({ clock });
}, 120_000);
afterAll(() => t?.close());

describe('rights port: lab plaques (labs.md, RA-22, RA-23)', () => {
  it('issues a signed lab_plaque in the authority log, verifiable online and offline', async () => {
    const row = await issue();
    expect(row.kind).toBe('lab_plaque');
    expect(row.registration_id).toBeNull();
    expect(row.cert_no).toMatch(/^LAB-2026-\d{6}$/);
    const s = await certificateStatus(t.kernel, row.cert_no);
    expect(s).toMatchObject({
      kind: 'lab_plaque',
      status: 'valid',
      holder: '珠海数智交通科技有限公司',
      validTo: '2029-06-10',
    });
    const b = await bundleOf(row.cert_no);
    expect(b.certificate.lab).toMatchObject({ labNo: 'ZHLAB-2026-001', domain: '交通', certifiedAt: '2026-06-10' });
    expect(b.log.origin).toBe(`registry-${ORG.zhuhaiRegistry}`);
    expect(b.log.leaf.contentDigest).toBe(sm3Hex(canonicalJson(b.certificate)));
    const off = verifyOffline('plaque.json', b);
    expect(off.stdout).toContain('VALID');
    expect(off.status).toBe(0);
    const on = (await t.anonymous.post('/api/v1/public/certificates/verify', { bundle: b })).json();
    expect(on).toMatchObject({ ok: true, result: '通过', status: 'valid' });
    // One byte of the plaque altered: both verifiers refuse it.
    b.certificate.lab.domain = '交通X';
    expect(verifyOffline('plaque-altered.json', b).status).toBe(1);
    expect((await t.anonymous.post('/api/v1/public/certificates/verify', { bundle: b })).json().result).toBe('不通过');
  });

  it('revokes a plaque with reason lab_delisted; the bundle says revoked as of its checkpoint', async () => {
    const row = await issue({ lab: { ...plaque().lab, id: '0191a000-0000-7000-8000-00000000a002' } });
    await t.kernel.db.transaction().execute((trx) => revokeLabPlaque(trx, t.kernel, row.cert_no, 'lab_delisted'));
    expect((await certificateStatus(t.kernel, row.cert_no)).status).toBe('revoked');
    const b = await bundleOf(row.cert_no);
    expect(b.status.value).toBe('revoked');
    expect(b.log.events.at(-1).leaf).toMatchObject({
      event: 'status',
      status: 'revoked',
      detail: { reason: 'lab_delisted' },
    });
    expect(verifyOffline('revoked.json', b).status).toBe(0);
  });

  it('a partner change supersedes the old plaque with a new one; the lab reads its current plaque', async () => {
    const labId = '0191a000-0000-7000-8000-00000000a003';
    const first = await issue({ lab: { ...plaque().lab, id: labId } });
    const second = await issue({
      lab: { ...plaque().lab, id: labId },
      partner: '珠海新伙伴科技有限公司',
      supersedesCertNo: first.cert_no,
    });
    expect((await certificateStatus(t.kernel, first.cert_no)).status).toBe('superseded');
    expect((await bundleOf(second.cert_no)).certificate.supersedes).toBe(first.cert_no);
    expect((await currentLabPlaque(t.kernel.db, labId))?.cert_no).toBe(second.cert_no);
  });

  it('refuses a reason other than lab_revoked/lab_delisted and bad dates, changing nothing', async () => {
    const row = await issue({ lab: { ...plaque().lab, id: '0191a000-0000-7000-8000-00000000a004' } });
    await expect(
      // @ts-expect-error a reason outside PLAQUE_REASONS, as an untyped caller could pass it
      t.kernel.db.transaction().execute((trx) => revokeLabPlaque(trx, t.kernel, row.cert_no, 'fraud')),
    ).rejects.toMatchObject({ code: 'PLAQUE_INPUT_INVALID' });
    expect((await certificateStatus(t.kernel, row.cert_no)).status).toBe('valid');
    await expect(issue({ validTo: '2025-01-01' })).rejects.toMatchObject({ code: 'PLAQUE_INPUT_INVALID' });
    await expect(certificateStatus(t.kernel, 'LAB-1999-000001')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a plaque past its validTo expires with the rights clocks', async () => {
    const row = await issue({
      lab: { ...plaque().lab, id: '0191a000-0000-7000-8000-00000000a005' },
      validTo: '2026-06-11',
    });
    clock.advanceMs(3 * 86400_000);
    await runRightsClocks(t.kernel);
    expect((await certificateStatus(t.kernel, row.cert_no)).status).toBe('expired');
  });
});
