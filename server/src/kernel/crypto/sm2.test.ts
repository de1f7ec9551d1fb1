import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  generateSm2KeyPair,
  sm2PrivateKeyPem,
  sm2PublicKeyFromPem,
  sm2PublicKeyPem,
  sm2Sign,
  sm2Verify,
} from './sm2.js';

// LED-P2: signatures use the GM/T 0009-2012 default user ID, checked against the OpenSSL CLI.
const dir = mkdtempSync(join(tmpdir(), 'sm2-'));
const k = generateSm2KeyPair();
writeFileSync(join(dir, 'pub.pem'), sm2PublicKeyPem(k.publicKeyHex));
writeFileSync(join(dir, 'priv.pem'), sm2PrivateKeyPem(k));
const msg = 'ledger.shuyun.local/main-sm3\n8\nvEi6enCRhLXypjHhreuNwqDUwBjB1syJtWZP4VTJOzg=\ntime 1781056800000\n';
writeFileSync(join(dir, 'note.txt'), msg);
const run = (args: string[]) => spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });

describe('LED-P2 SM2 interop with OpenSSL 3 (standard user ID 1234567812345678)', () => {
  it('OpenSSL verifies our signature with pkeyutl -rawin -digest sm3 -pkeyopt distid and with dgst -sigopt distid', () => {
    writeFileSync(join(dir, 'sig.der'), sm2Sign(msg, k.privateKeyHex));
    expect(
      run([
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
        'note.txt',
        '-sigfile',
        'sig.der',
      ]).status,
    ).toBe(0);
    expect(
      run([
        'dgst',
        '-sm3',
        '-verify',
        'pub.pem',
        '-sigopt',
        'distid:1234567812345678',
        '-signature',
        'sig.der',
        'note.txt',
      ]).status,
    ).toBe(0);
  });

  it('the same command without distid (empty ID) fails', () => {
    writeFileSync(join(dir, 'sig.der'), sm2Sign(msg, k.privateKeyHex));
    const r = run([
      'pkeyutl',
      '-verify',
      '-pubin',
      '-inkey',
      'pub.pem',
      '-rawin',
      '-digest',
      'sm3',
      '-in',
      'note.txt',
      '-sigfile',
      'sig.der',
    ]);
    expect(r.status).not.toBe(0);
  });

  it('we verify a signature made by OpenSSL, and reject it for another message', () => {
    execFileSync(
      'openssl',
      [
        'pkeyutl',
        '-sign',
        '-inkey',
        'priv.pem',
        '-rawin',
        '-digest',
        'sm3',
        '-pkeyopt',
        'distid:1234567812345678',
        '-in',
        'note.txt',
        '-out',
        'osig.der',
      ],
      { cwd: dir },
    );
    const sig = readFileSync(join(dir, 'osig.der'));
    expect(sm2Verify(msg, sig, k.publicKeyHex)).toBe(true);
    expect(sm2Verify(`${msg}x`, sig, k.publicKeyHex)).toBe(false);
  });

  it('reads back the public key OpenSSL derives from our PKCS#8 private key', () => {
    const pub = execFileSync('openssl', ['pkey', '-in', 'priv.pem', '-pubout'], { cwd: dir, encoding: 'utf8' });
    expect(sm2PublicKeyFromPem(pub)).toBe(k.publicKeyHex);
  });

  it('treats a malformed DER signature as invalid, not as a crash', () => {
    expect(sm2Verify(msg, Buffer.from('3003020101', 'hex'), k.publicKeyHex)).toBe(false);
  });
});
