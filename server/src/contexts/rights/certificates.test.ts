import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../kernel/crypto/jcs.js';
import { sm3Hex } from '../../kernel/crypto/sm3.js';
import { FixedClock } from '../../kernel/clock.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { actors, registerFirst, type Actors } from './test/factories.js';

const clock = new FixedClock(new Date('2026-02-02T02:00:00Z'));
let t: TestApp;
let a: Actors;
let certNo: string;
let bundle: any;
const dir = mkdtempSync(join(tmpdir(), 'rights-cert-'));
const VERIFY = join(__dirname, '../../../../tools/verify/bin/ledger-verify.mjs');
const verifyFile = (name: string, content: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify(content));
  return spawnSync(process.execPath, [VERIFY, p], { encoding: 'utf8' });
};
/** Alters one byte of the certificate's canonical bytes (a character of the holder's name). */
const alterOneByte = (b: any) => {
  const c = structuredClone(b);
  c.certificate.holder.uscc = c.certificate.holder.uscc.replace(/.$/, (x: string) => (x === '0' ? '1' : '0'));
  return c;
};

beforeAll(async () => {
  t = await startTestApp({ clock });
  a = await actors(t);
  ({ certNo } = await registerFirst(t, a, (d) => clock.advanceMs(d * 86400_000)));
  bundle = (await t.anonymous.get(`/api/v1/public/certificates/${encodeURIComponent(certNo)}`)).json();
}, 120_000);
afterAll(() => t?.close());

describe('RA scenario 1: Shenzhen first registration (RA-21, RA-22)', () => {
  it('issues a certificate with a unique SZDR number, an SM2 signature and a log index once publicity ends clean', async () => {
    expect(certNo).toMatch(/^SZDR-2026-\d{6}$/);
    expect(bundle.certificate.holder.name).toBe('珠海市数据运营有限公司');
    expect(bundle.certificate.data.name).toBe('罗湖区企业经营状态指数');
    expect(bundle.certificate.rightType).toBe('product_operation');
    expect(bundle.signature.alg).toBe('SM2-SM3');
    expect(bundle.log.origin).toMatch(/^registry-/);
    expect(bundle.log.leafIndex).toBeGreaterThanOrEqual(0);
    expect(bundle.log.checkpoint).toContain(`\n\n— ${bundle.log.origin} `);
    expect(bundle.log.leaf.contentDigest).toBe(sm3Hex(canonicalJson(bundle.certificate)));
    expect(bundle.status.value).toBe('valid');
    expect(bundle.status.note).toContain('status as of checkpoint time');
  });

  it('lists it on the public list with the fixed shape, no login needed', async () => {
    const res = await t.anonymous.get('/api/v1/public/certificates');
    expect(res.statusCode).toBe(200);
    const item = res.json().items.find((i: any) => i.number === certNo);
    expect(item).toMatchObject({
      number: certNo,
      kind: 'registration',
      holder: '珠海市数据运营有限公司',
      status: 'valid',
    });
  });

  it('answers 404 for an unknown number', async () => {
    const res = await t.anonymous.get('/api/v1/public/certificates/SZDR-1999-000000');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});

describe('RA scenario 2: offline verification (RA-23)', () => {
  it('npm run verify exits 0 for the bundle and reports the status as of checkpoint time', () => {
    const r = verifyFile('bundle.json', bundle);
    expect(r.stdout + r.stderr).toContain('as of checkpoint time');
    expect(r.stdout).toContain('VALID');
    expect(r.status).toBe(0);
  });

  it('exits 1 when one byte of the certificate is altered (digest and signature mismatch)', () => {
    const r = verifyFile('altered.json', alterOneByte(bundle));
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/✗ 内容摘要/);
    expect(r.stdout).toContain('INVALID');
  });

  it('online verification says 通过 for the original and 不通过 for the altered copy', async () => {
    const good = await t.anonymous.post('/api/v1/public/certificates/verify', { bundle });
    expect(good.json()).toMatchObject({ ok: true, result: '通过', status: 'valid' });
    const bad = await t.anonymous.post('/api/v1/public/certificates/verify', { bundle: alterOneByte(bundle) });
    expect(bad.statusCode).toBe(200);
    expect(bad.json()).toMatchObject({ ok: false, result: '不通过', status: null });
  });

  it('OpenSSL verifies the certificate signature with the registry public key and the standard user ID', () => {
    writeFileSync(join(dir, 'cert.json'), canonicalJson(bundle.certificate));
    writeFileSync(join(dir, 'sig.der'), Buffer.from(bundle.signature.value, 'base64'));
    writeFileSync(join(dir, 'pub.pem'), bundle.publicKeyPem);
    const args = (file: string) => [
      'pkeyutl',
      '-verify',
      '-pubin',
      '-inkey',
      'pub.pem',
      '-rawin',
      '-digest',
      'sm3',
      '-pkeyopt',
      'distid:1234567812345678',
      '-in',
      file,
      '-sigfile',
      'sig.der',
    ];
    const ok = spawnSync('openssl', args('cert.json'), { cwd: dir, encoding: 'utf8' });
    expect(ok.stdout + ok.stderr).toContain('Signature Verified Successfully');
    writeFileSync(join(dir, 'altered.cert.json'), canonicalJson(alterOneByte(bundle).certificate));
    const bad = spawnSync('openssl', args('altered.cert.json'), { cwd: dir, encoding: 'utf8' });
    expect(bad.status).not.toBe(0);
  });

  it('publishes the registry key and the log checkpoint it signs', async () => {
    const keys = (await t.anonymous.get('/api/v1/public/registry-keys')).json().items;
    const key = keys.find((k: any) => k.logOrigin === bundle.log.origin);
    expect(key.publicKeyPem).toBe(bundle.publicKeyPem);
    expect(key.keyId).toBe(bundle.signature.keyId);
    const orgId = bundle.log.origin.replace(/^registry-/, '');
    const cp = (await t.anonymous.get(`/api/v1/public/registry-logs/${orgId}/checkpoint`)).json();
    expect(cp.checkpoint).toBe(bundle.log.checkpoint);
  });
});
