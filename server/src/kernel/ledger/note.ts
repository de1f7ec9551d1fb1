import {
  createHash,
  createPrivateKey,
  createPublicKey,
  sign as edSign,
  verify as edVerify,
  type KeyObject,
} from 'node:crypto';
import { sm2Sign, sm2Verify, SM2_USER_ID } from '../crypto/sm2.js';

/**
 * C2SP signed-note checkpoints (LED-07, LED-08). The note body is origin, tree size,
 * base64 root, then our one extension line `time <ms>`; signature lines are
 * `— <keyName> <base64(keyId ‖ signature)>`. The signed bytes are the body text.
 */
export interface CheckpointBody {
  origin: string;
  treeSize: number;
  rootHash: Buffer;
  timeMs?: number;
  extensions?: string[];
}

export type SignAlg = 'sm2-sm3' | 'ed25519';

/** The signer's algorithm identifier bytes (C2SP signed-note): 0xff ‖ name for SM2, 0x01 for Ed25519. */
export function typeBytes(alg: SignAlg): Buffer {
  return alg === 'ed25519'
    ? Buffer.from([0x01])
    : Buffer.concat([Buffer.from([0xff]), Buffer.from(`sm2-sm3-id${SM2_USER_ID}`)]);
}

/** LED-08: keyId = SHA-256(keyName ‖ 0x0A ‖ type bytes ‖ public key)[:4]. */
export function keyId(keyName: string, alg: SignAlg, publicKey: Uint8Array): Buffer {
  return createHash('sha256')
    .update(keyName)
    .update(Buffer.from([0x0a]))
    .update(typeBytes(alg))
    .update(publicKey)
    .digest()
    .subarray(0, 4);
}

export function formatBody(b: CheckpointBody): string {
  const ext = [...(b.timeMs !== undefined ? [`time ${b.timeMs}`] : []), ...(b.extensions ?? [])];
  return [b.origin, String(b.treeSize), b.rootHash.toString('base64'), ...ext].join('\n') + '\n';
}

export interface NoteSigner {
  keyName: string;
  alg: SignAlg;
  publicKey: Buffer;
  sign(msg: Buffer): Buffer;
}

export function sm2Signer(keyName: string, privateKeyHex: string, publicKeyHex: string): NoteSigner {
  return {
    keyName,
    alg: 'sm2-sm3',
    publicKey: Buffer.from(publicKeyHex, 'hex'),
    sign: (m) => sm2Sign(m, privateKeyHex),
  };
}

export function ed25519Signer(keyName: string, privateKey: KeyObject | string): NoteSigner {
  const priv = typeof privateKey === 'string' ? createPrivateKey(privateKey) : privateKey;
  const raw = createPublicKey(priv).export({ format: 'der', type: 'spki' }).subarray(-32);
  return { keyName, alg: 'ed25519', publicKey: Buffer.from(raw), sign: (m) => edSign(null, m, priv) };
}

/** Signs a body with one or more signers; returns the full note text. */
export function signNote(body: string, signers: NoteSigner[]): string {
  const msg = Buffer.from(body, 'utf8');
  const lines = signers.map(
    (s) => `— ${s.keyName} ${Buffer.concat([keyId(s.keyName, s.alg, s.publicKey), s.sign(msg)]).toString('base64')}\n`,
  );
  return `${body}\n${lines.join('')}`;
}

export interface ParsedNote {
  body: string;
  signatures: Array<{ keyName: string; keyId: Buffer; sig: Buffer }>;
  checkpoint: CheckpointBody;
}

/** Parses a signed note; throws a SyntaxError-free `Error('malformed note: …')` on bad input (attacker-controlled). */
export function parseNote(text: string): ParsedNote {
  const split = text.lastIndexOf('\n\n');
  if (split < 0) throw new Error('malformed note: no signature block');
  const body = text.slice(0, split + 1);
  const sigLines = text
    .slice(split + 2)
    .split('\n')
    .filter((l) => l.length > 0);
  const signatures = sigLines.map((l) => {
    const m = /^— (\S+) ([A-Za-z0-9+/=]+)$/.exec(l);
    if (!m) throw new Error('malformed note: bad signature line');
    const raw = Buffer.from(m[2]!, 'base64');
    if (raw.length < 5) throw new Error('malformed note: short signature');
    return { keyName: m[1]!, keyId: raw.subarray(0, 4), sig: raw.subarray(4) };
  });
  const lines = body.slice(0, -1).split('\n');
  if (lines.length < 3 || !/^\d+$/.test(lines[1]!) || !/^[A-Za-z0-9+/]+=*$/.test(lines[2]!))
    throw new Error('malformed note: bad checkpoint body');
  const ext = lines.slice(3);
  const time = ext.find((l) => /^time \d+$/.test(l));
  return {
    body,
    signatures,
    checkpoint: {
      origin: lines[0]!,
      treeSize: Number(lines[1]),
      rootHash: Buffer.from(lines[2]!, 'base64'),
      timeMs: time ? Number(time.slice(5)) : undefined,
      extensions: ext,
    },
  };
}

export interface NoteVerifier {
  keyName: string;
  alg: SignAlg;
  publicKey: Buffer;
}

/** True when at least one known key verifies; unknown keys are ignored (C2SP). */
export function verifyNote(text: string, keys: NoteVerifier[]): boolean {
  let parsed: ParsedNote;
  try {
    parsed = parseNote(text);
  } catch {
    return false;
  }
  const msg = Buffer.from(parsed.body, 'utf8');
  return parsed.signatures.some((s) =>
    keys.some(
      (k) =>
        k.keyName === s.keyName &&
        keyId(k.keyName, k.alg, k.publicKey).equals(s.keyId) &&
        (k.alg === 'sm2-sm3'
          ? sm2Verify(msg, s.sig, k.publicKey.toString('hex'))
          : edVerifyRaw(msg, s.sig, k.publicKey)),
    ),
  );
}

function edVerifyRaw(msg: Buffer, sig: Buffer, raw: Buffer): boolean {
  try {
    const key = createPublicKey({
      key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]),
      format: 'der',
      type: 'spki',
    });
    return edVerify(null, msg, key, sig);
  } catch {
    return false;
  }
}
