import { MasterKeyRing } from '../crypto/keyring.js';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSm2KeyPair, SM2_USER_ID } from '../crypto/sm2.js';
import { loadProfile } from '../profiles/index.js';
import { ledgerSigner, ledgerVerifier, publicKeyView } from './checkpoint.js';
import { ed25519Signer, formatBody, keyId, parseNote, signNote, sm2Signer, typeBytes, verifyNote } from './note.js';

const root = Buffer.from('bc48ba7a709184b5f2a631e1adeb8dc2a0d4c018c1d6cc89b5664fe154c93b38', 'hex');
const body = formatBody({
  origin: 'ledger.luohu.example/main-sm3',
  treeSize: 8,
  rootHash: root,
  timeMs: 1781056800000,
});

describe('LED-08 C2SP signed-note checkpoints', () => {
  it('formats the body as origin, size, base64 root and the time extension (the example of ledger.md)', () => {
    expect(body).toBe(
      'ledger.luohu.example/main-sm3\n8\nvEi6enCRhLXypjHhreuNwqDUwBjB1syJtWZP4VTJOzg=\ntime 1781056800000\n',
    );
  });

  it('computes keyId = SHA-256(keyName ‖ 0x0A ‖ 0xff ‖ "sm2-sm3-id1234567812345678" ‖ 65-byte point)[:4]', () => {
    const k = generateSm2KeyPair();
    const pub = Buffer.from(k.publicKeyHex, 'hex');
    const expected = createHash('sha256')
      .update(Buffer.concat([Buffer.from('name\n'), Buffer.from([0xff]), Buffer.from(`sm2-sm3-id${SM2_USER_ID}`), pub]))
      .digest()
      .subarray(0, 4);
    expect(keyId('name', 'sm2-sm3', pub)).toEqual(expected);
    expect(typeBytes('ed25519')).toEqual(Buffer.from([1]));
  });

  it('signs with SM2 and with Ed25519; a changed body or an unknown key fails; unknown extra signatures are ignored', () => {
    const k = generateSm2KeyPair();
    const sm2s = sm2Signer('log', k.privateKeyHex, k.publicKeyHex);
    const { privateKey } = generateKeyPairSync('ed25519');
    const eds = ed25519Signer('witness', privateKey);
    const note = signNote(body, [sm2s, eds]);
    const v = (s: typeof sm2s) => ({ keyName: s.keyName, alg: s.alg, publicKey: s.publicKey });
    expect(verifyNote(note, [v(sm2s)])).toBe(true);
    expect(verifyNote(note, [v(eds)])).toBe(true);
    expect(verifyNote(note.replace('\n8\n', '\n9\n'), [v(sm2s)])).toBe(false);
    const other = generateSm2KeyPair();
    expect(verifyNote(note, [v(sm2Signer('log', other.privateKeyHex, other.publicKeyHex))])).toBe(false);
    expect(parseNote(note).signatures).toHaveLength(2);
    expect(() => parseNote('garbage')).toThrow(/malformed/);
    expect(verifyNote('garbage', [v(sm2s)])).toBe(false);
  });

  it('the deployment signer is SM2 by default and Ed25519 when ledger.signAlg = ed25519; OpenSSL verifies the Ed25519 one', () => {
    const secrets = {
      ledgerSigningKey: generateSm2KeyPair(),
      ledgerKeyGeneration: 1,
      masterKeys: new MasterKeyRing([[1, Buffer.alloc(16)]]),
      derivationKey: Buffer.alloc(16),
      apiKeyPepper: Buffer.alloc(32),
    };
    const ledger = { origin: 'ledger.test', hash: 'sm3' as const, saltBytes: 32, masterKey: Buffer.alloc(16) };
    expect(ledgerSigner({ secrets, ledger, profile: loadProfile('zhuhai') }, 'main').alg).toBe('sm2-sm3');
    const ed = { secrets, ledger, profile: loadProfile('zhuhai', { 'ledger.signAlg': 'ed25519' }) };
    const signer = ledgerSigner(ed, 'main');
    expect(signer.alg).toBe('ed25519');
    const note = signNote(body, [signer]);
    expect(verifyNote(note, [ledgerVerifier(ed, 'main')])).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'ed-'));
    writeFileSync(join(dir, 'pub.pem'), publicKeyView(ed, 'main').publicKeyPem);
    writeFileSync(join(dir, 'note.txt'), body);
    writeFileSync(join(dir, 'sig.bin'), parseNote(note).signatures[0]!.sig);
    const r = spawnSync(
      'openssl',
      ['pkeyutl', '-verify', '-pubin', '-inkey', 'pub.pem', '-rawin', '-in', 'note.txt', '-sigfile', 'sig.bin'],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(r.status).toBe(0);
  });
});
