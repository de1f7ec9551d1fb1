#!/usr/bin/env node
// ledger-verify: offline verifier for Shuyun (数运) ledger checkpoints, proofs and evidence
// packages (ledger.md LED-10). No network, no server code: node:crypto + sm-crypto-v2 only.
// Usage: ledger-verify <file.json | checkpoint.txt> [--key public-key.pem] [--chain key-chain.json] [--json]
// After a checkpoint-key rollover, --chain (GET /api/v1/ledger/public-keys, or its keyChain) links the
// pinned key to the others through rollover statements signed by each old key (and the new one).
// Exit codes: 0 valid, 1 invalid, 2 malformed input.
//
// SM2 note: signatures use the GM/T 0009-2012 default user ID 1234567812345678. To check a
// checkpoint with OpenSSL 3, save the note body (up to the blank line) as note.txt and the
// DER signature (base64 after the 4-byte key id) as sig.der, then run
//   openssl pkeyutl -verify -pubin -inkey pub.pem -rawin -digest sm3 -pkeyopt distid:1234567812345678 -in note.txt -sigfile sig.der
// Without -pkeyopt distid OpenSSL uses an empty ID and the check fails (LED-P2).
import { createHash, createPublicKey, verify as edVerify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sm2 } from 'sm-crypto-v2';
import { checkCertificateBundle, isCertificateBundle } from './certificate.mjs';

export const SM2_USER_ID = '1234567812345678';
export class Malformed extends Error {}

// ---------- hashing (RFC 9162 §2.1) ----------
export function hasher(name) {
  if (name !== 'sm3' && name !== 'sha256') throw new Malformed(`unknown hash ${name}`);
  return {
    name,
    leaf: (d) =>
      createHash(name)
        .update(Buffer.from([0]))
        .update(d)
        .digest(),
    node: (l, r) =>
      createHash(name)
        .update(Buffer.from([1]))
        .update(l)
        .update(r)
        .digest(),
    raw: (...parts) => {
      const h = createHash(name);
      for (const p of parts) h.update(p);
      return h.digest();
    },
  };
}
const half = (x) => Math.floor(x / 2);
const odd = (x) => x % 2 === 1;
const isPow2 = (n) => n > 0 && 2 ** Math.round(Math.log2(n)) === n;

/** RFC 9162 §2.1.3.2 */
export function verifyInclusion(h, index, size, leafHash, proof, root) {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      r = h.node(p, r);
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else r = h.node(r, p);
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && r.equals(root);
}

/** RFC 9162 §2.1.4.2 */
export function verifyConsistency(h, m, n, rootM, rootN, proof) {
  if (!Number.isSafeInteger(m) || !Number.isSafeInteger(n) || m < 0 || m > n) return false;
  if (m === n) return proof.length === 0 && rootM.equals(rootN);
  if (m === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = isPow2(m) ? [rootM, ...proof] : proof;
  let fn = m - 1;
  let sn = n - 1;
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = h.node(c, fr);
      sr = h.node(c, sr);
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else sr = h.node(sr, c);
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && fr.equals(rootM) && sr.equals(rootN);
}

// ---------- RFC 8785 canonical JSON ----------
export function canonicalJson(v) {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Malformed('non-finite number');
    return JSON.stringify(v);
  }
  if (Array.isArray(v)) return `[${v.map((x) => canonicalJson(x === undefined ? null : x)).join(',')}]`;
  if (typeof v === 'object') {
    const e = Object.entries(v)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${e.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`;
  }
  throw new Malformed(`unsupported JSON value ${typeof v}`);
}

// ---------- input parsing (all attacker-controlled) ----------
const HEX32 = /^[0-9a-f]{64}$/i;
function hexHash(x, what) {
  if (typeof x !== 'string' || !HEX32.test(x)) throw new Malformed(`${what} is not a 32-byte hex hash`);
  return Buffer.from(x, 'hex');
}
function b64(x, what) {
  if (typeof x !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(x)) throw new Malformed(`${what} is not base64`);
  return Buffer.from(x, 'base64');
}
function int(x, what) {
  if (!Number.isSafeInteger(x) || x < 0) throw new Malformed(`${what} is not a non-negative integer`);
  return x;
}
function hashList(xs, what) {
  if (!Array.isArray(xs) || xs.length > 64) throw new Malformed(`${what} is not a list of hashes`);
  return xs.map((x, i) => hexHash(x, `${what}[${i}]`));
}

// ---------- C2SP signed notes ----------
export function parseNote(text) {
  if (typeof text !== 'string') throw new Malformed('checkpoint is not text');
  const split = text.lastIndexOf('\n\n');
  if (split < 0) throw new Malformed('checkpoint has no signature block');
  const body = text.slice(0, split + 1);
  const sigs = text
    .slice(split + 2)
    .split('\n')
    .filter((l) => l.length)
    .map((l) => {
      const m = /^— (\S+) ([A-Za-z0-9+/=]+)$/.exec(l);
      if (!m) throw new Malformed('bad signature line');
      const raw = Buffer.from(m[2], 'base64');
      if (raw.length < 5) throw new Malformed('short signature');
      return { keyName: m[1], keyId: raw.subarray(0, 4), sig: raw.subarray(4) };
    });
  const lines = body.slice(0, -1).split('\n');
  if (lines.length < 3 || !/^\d+$/.test(lines[1]) || !/^[A-Za-z0-9+/]+=*$/.test(lines[2]))
    throw new Malformed('bad checkpoint body');
  const root = Buffer.from(lines[2], 'base64');
  if (root.length !== 32) throw new Malformed('checkpoint root is not 32 bytes');
  const time = lines.slice(3).find((l) => /^time \d+$/.test(l));
  return {
    body,
    sigs,
    origin: lines[0],
    treeSize: Number(lines[1]),
    root,
    timeMs: time ? Number(time.slice(5)) : undefined,
  };
}

const SPKI_SM2 = '3059301306072a8648ce3d020106082a811ccf5501822d034200';
const SPKI_ED25519 = '302a300506032b6570032100';
export function parsePublicKeyPem(pem) {
  if (typeof pem !== 'string' || !pem.includes('BEGIN PUBLIC KEY'))
    throw new Malformed('public key is not a PEM SubjectPublicKeyInfo');
  const der = Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64').toString('hex');
  if (der.startsWith(SPKI_SM2) && der.length === SPKI_SM2.length + 130)
    return { alg: 'sm2-sm3', raw: Buffer.from(der.slice(SPKI_SM2.length), 'hex') };
  if (der.startsWith(SPKI_ED25519) && der.length === SPKI_ED25519.length + 64)
    return { alg: 'ed25519', raw: Buffer.from(der.slice(SPKI_ED25519.length), 'hex') };
  throw new Malformed('public key is neither SM2 nor Ed25519');
}
function typeBytes(alg) {
  return alg === 'ed25519'
    ? Buffer.from([1])
    : Buffer.concat([Buffer.from([0xff]), Buffer.from(`sm2-sm3-id${SM2_USER_ID}`)]);
}
export function keyId(name, alg, raw) {
  return createHash('sha256')
    .update(name)
    .update(Buffer.from([0x0a]))
    .update(typeBytes(alg))
    .update(raw)
    .digest()
    .subarray(0, 4);
}
export function sm2VerifyRaw(msg, sigDer, raw) {
  try {
    return sm2.doVerifySignature(msg, Buffer.from(sigDer).toString('hex'), raw.toString('hex'), {
      hash: true,
      der: true,
      userId: SM2_USER_ID,
    });
  } catch {
    return false;
  }
}
function sigOk(alg, msg, sig, raw) {
  if (alg === 'sm2-sm3') return sm2VerifyRaw(msg, sig, raw);
  try {
    return edVerify(
      null,
      msg,
      createPublicKey({ key: Buffer.from(SPKI_ED25519 + raw.toString('hex'), 'hex'), format: 'der', type: 'spki' }),
      sig,
    );
  } catch {
    return false;
  }
}
/** C2SP: signatures by unknown keys are ignored; valid if a known key verifies. */
export function verifyNote(note, key, keyName) {
  const msg = Buffer.from(note.body, 'utf8');
  return note.sigs.some(
    (s) =>
      (!keyName || s.keyName === keyName) &&
      keyId(s.keyName, key.alg, key.raw).equals(s.keyId) &&
      sigOk(key.alg, msg, s.sig, key.raw),
  );
}
const hashOfOrigin = (origin) => (/-sha256$/.test(origin) ? 'sha256' : 'sm3');

// ---------- checks by file kind ----------
class Report {
  constructor(kind) {
    this.kind = kind;
    this.checks = [];
  }
  check(ok, zh, en, code) {
    this.checks.push(code && !ok ? { ok: !!ok, zh, en, code } : { ok: !!ok, zh, en });
    return !!ok;
  }
  get ok() {
    return this.checks.length > 0 && this.checks.every((c) => c.ok);
  }
}

// ---------- checkpoint-key rollover chain (issue 21, decision 0102) ----------
const ROLLOVER_FORMAT = 'shuyun-checkpoint-key-rollover/1';
const SM2_HEX = /^04[0-9a-f]{128}$/i;

/** The chain document: the public-keys answer, its keyChain, or {originalPublicKeyHex, rollovers}. */
function chainDoc(c) {
  const d = c && c.keyChain ? c.keyChain : c;
  if (!d || typeof d.originalPublicKeyHex !== 'string' || !Array.isArray(d.rollovers))
    throw new Malformed('key chain needs originalPublicKeyHex and rollovers');
  return d;
}

/** Walks the rollovers from the original key; every link signed by its old key and countersigned by its new one. */
export function verifyKeyChain(r, chain, trustedHex) {
  const d = chainDoc(chain);
  const keys = [{ generation: 1, hex: d.originalPublicKeyHex.toLowerCase(), retiredAfter: null }];
  for (const [i, link] of d.rollovers.entries()) {
    const st = link && link.statement;
    if (!st || typeof st !== 'object' || !SM2_HEX.test(st.newPublicKeyHex ?? '') || !Array.isArray(st.lastCheckpoints))
      throw new Malformed(`rollover ${i} is not a rollover statement`);
    const prev = keys.at(-1);
    const msg = Buffer.from(canonicalJson(st), 'utf8');
    const linked =
      st.format === ROLLOVER_FORMAT &&
      st.generation === prev.generation + 1 &&
      String(st.oldPublicKeyHex).toLowerCase() === prev.hex;
    const byOld = linked && sm2VerifyRaw(msg, b64(link.signature, 'signature'), Buffer.from(prev.hex, 'hex'));
    const byNew =
      byOld && sm2VerifyRaw(msg, b64(link.newKeySignature, 'newKeySignature'), Buffer.from(st.newPublicKeyHex, 'hex'));
    const code = !linked
      ? 'ROLLOVER_CHAIN_BROKEN'
      : !byOld
        ? 'ROLLOVER_NOT_SIGNED_BY_OLD_KEY'
        : 'ROLLOVER_NOT_SIGNED_BY_NEW_KEY';
    if (
      !r.check(
        byNew,
        `密钥轮换声明 ${st.generation} 由旧密钥签署并由新密钥副署`,
        `rollover statement ${st.generation} signed by the old key and countersigned by the new one`,
        code,
      )
    )
      return null;
    prev.retiredAfter = st.lastCheckpoints;
    keys.push({ generation: st.generation, hex: st.newPublicKeyHex.toLowerCase(), retiredAfter: null });
  }
  const trusted = keys.some((k) => k.hex === trustedHex.toLowerCase());
  r.check(
    trusted,
    '信任的公钥属于该密钥链',
    'the trusted public key belongs to the key chain',
    'ROLLOVER_KEY_NOT_IN_CHAIN',
  );
  return trusted ? keys : null;
}

/** The chain key a note names, verified; a retired key only up to the last checkpoint its statement names. */
function checkNoteWithChain(r, note, keys) {
  const where = `（${note.origin}，树大小 ${note.treeSize}）`;
  const whereEn = `(${note.origin}, size ${note.treeSize})`;
  const named = note.sigs
    .filter((s) => s.keyName === note.origin)
    .flatMap((s) => keys.filter((k) => keyId(note.origin, 'sm2-sm3', Buffer.from(k.hex, 'hex')).equals(s.keyId)));
  if (
    !r.check(
      named.length > 0,
      `检查点由已知密钥签署${where}`,
      `checkpoint names a known key ${whereEn}`,
      'CHECKPOINT_UNKNOWN_KEY',
    )
  )
    return;
  const key = named.find((k) => verifyNote(note, { alg: 'sm2-sm3', raw: Buffer.from(k.hex, 'hex') }, note.origin));
  if (!r.check(key, `检查点签名有效${where}`, `checkpoint signature valid ${whereEn}`, 'CHECKPOINT_SIGNATURE_INVALID'))
    return;
  if (key.retiredAfter) {
    const last = key.retiredAfter.find((c) => c.logId === note.origin);
    const ok =
      !!last &&
      (note.treeSize < last.treeSize ||
        (note.treeSize === last.treeSize && note.root.toString('hex') === last.rootHash));
    r.check(
      ok,
      `检查点不晚于其密钥轮换前的最后检查点（第 ${key.generation} 代密钥）`,
      `checkpoint is not past the last one of its retired key (generation ${key.generation})`,
      'CHECKPOINT_AFTER_ROLLOVER',
    );
  }
}

function checkCheckpoint(r, text, pem, keyName, chain) {
  const note = parseNote(text);
  if (!pem)
    throw new Malformed(
      'a public key is needed to verify a checkpoint (use --key or a {checkpoint, publicKeyPem} file)',
    );
  const key = parsePublicKeyPem(pem);
  if (chain && key.alg === 'sm2-sm3') {
    const keys = verifyKeyChain(r, chain, key.raw.toString('hex'));
    if (keys) checkNoteWithChain(r, note, keys);
    return note;
  }
  if (!note.sigs.some((s) => (!keyName || s.keyName === keyName) && keyId(s.keyName, key.alg, key.raw).equals(s.keyId)))
    r.check(
      false,
      `检查点由未知密钥签署（${note.origin}，树大小 ${note.treeSize}）：如经过密钥轮换，请提供 --chain`,
      `checkpoint signed by an unknown key (${note.origin}, size ${note.treeSize}); after a key rollover pass --chain`,
      'CHECKPOINT_UNKNOWN_KEY',
    );
  else
    r.check(
      verifyNote(note, key, keyName),
      `检查点签名有效（${note.origin}，树大小 ${note.treeSize}）`,
      `checkpoint signature valid (${note.origin}, size ${note.treeSize})`,
      'CHECKPOINT_SIGNATURE_INVALID',
    );
  return note;
}

function checkInclusion(r, d) {
  const seq = int(d.seq, 'seq');
  const size = int(d.treeSize, 'treeSize');
  const leafHash = hexHash(d.leafHash, 'leafHash');
  const proof = hashList(d.hashes, 'hashes');
  let root;
  let hash = d.hash;
  if (d.checkpoint !== undefined) {
    const note = d.publicKeyPem
      ? checkCheckpoint(r, d.checkpoint, d.publicKeyPem, d.keyName, d.keyChain)
      : parseNote(d.checkpoint);
    r.check(note.treeSize === size, '证明的树大小与检查点一致', 'proof tree size matches the checkpoint');
    root = note.root;
    hash ??= hashOfOrigin(note.origin);
  } else root = hexHash(d.root, 'root');
  const h = hasher(hash ?? 'sm3');
  if (d.leafData !== undefined)
    r.check(
      h.leaf(b64(d.leafData, 'leafData')).equals(leafHash),
      '叶哈希 = H(0x00‖叶数据)',
      'leaf hash = H(0x00 ‖ leaf data)',
    );
  r.check(
    verifyInclusion(h, seq, size, leafHash, proof, root),
    `包含证明有效（序号 ${seq} / 树大小 ${size}）`,
    `inclusion proof valid (seq ${seq} in size ${size})`,
  );
}

function checkConsistency(r, d) {
  const m = int(d.from, 'from');
  const n = int(d.to, 'to');
  const proof = hashList(d.hashes, 'hashes');
  let rootM;
  let rootN;
  let hash = d.hash;
  if (d.fromCheckpoint !== undefined && d.toCheckpoint !== undefined) {
    const a = d.publicKeyPem
      ? checkCheckpoint(r, d.fromCheckpoint, d.publicKeyPem, undefined, d.keyChain)
      : parseNote(d.fromCheckpoint);
    const b = d.publicKeyPem
      ? checkCheckpoint(r, d.toCheckpoint, d.publicKeyPem, undefined, d.keyChain)
      : parseNote(d.toCheckpoint);
    r.check(a.treeSize === m && b.treeSize === n, '证明的大小与两个检查点一致', 'proof sizes match both checkpoints');
    rootM = a.root;
    rootN = b.root;
    hash ??= hashOfOrigin(b.origin);
  } else {
    rootM = hexHash(d.fromRoot, 'fromRoot');
    rootN = hexHash(d.toRoot, 'toRoot');
  }
  r.check(
    verifyConsistency(hasher(hash ?? 'sm3'), m, n, rootM, rootN, proof),
    `一致性证明有效（${m} → ${n}）`,
    `consistency proof valid (${m} → ${n})`,
  );
}

function jsonFile(files, path) {
  if (typeof files[path] !== 'string') throw new Malformed(`package lacks ${path}`);
  try {
    return JSON.parse(files[path]);
  } catch {
    throw new Malformed(`${path} is not JSON`);
  }
}

function checkPackage(r, p) {
  const files = p.files;
  const manifest = p.manifest;
  if (!files || typeof files !== 'object' || !manifest || !Array.isArray(manifest.files))
    throw new Malformed('package lacks files or manifest');
  const pk = jsonFile(files, 'public-key.json');
  const key = parsePublicKeyPem(pk.publicKeyPem);
  const h = hasher(manifest.hash ?? 'sm3');
  // Manifest: SM3 of every file, nothing unlisted, signed with the ledger key.
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const f of manifest.files) {
    const ok =
      typeof files[f.path] === 'string' && createHash('sm3').update(files[f.path], 'utf8').digest('hex') === f.sm3;
    r.check(ok, `文件 ${f.path} 的 SM3 与清单一致`, `file ${f.path}: SM3 matches the manifest`);
  }
  for (const path of Object.keys(files))
    if (!listed.has(path)) r.check(false, `文件 ${path} 未列入清单`, `file ${path} is not in the manifest`);
  const msig = b64(p.manifestSignature, 'manifestSignature');
  r.check(
    key.alg === 'sm2-sm3' && sm2VerifyRaw(Buffer.from(canonicalJson(manifest), 'utf8'), msig, key.raw),
    '清单签名有效',
    'manifest signature valid',
  );
  const note = checkCheckpoint(r, files['checkpoint.txt'], pk.publicKeyPem, pk.keyName, pk.keyChain);
  r.check(note.origin === manifest.logId, '检查点来源与清单日志一致', 'checkpoint origin matches the manifest log');
  const entries = jsonFile(files, 'entries.json');
  const proofs = jsonFile(files, 'proofs.json');
  if (!Array.isArray(entries) || !Array.isArray(proofs))
    throw new Malformed('entries.json / proofs.json must be lists');
  let prevLeaf = null;
  r.entries = [];
  for (const e of entries) checkEntry(r, h, note, e, proofs, prevLeaf), (prevLeaf = e.leafHash);
  r.extraction = jsonFile(files, 'extraction-log.json');
}

function checkEntry(r, h, note, e, proofs, prevLeaf) {
  const seq = int(e.seq, 'entry seq');
  const leafData = b64(e.leafData, 'leafData');
  const leafHash = hexHash(e.leafHash, 'leafHash');
  const tag = `#${seq} ${e.header?.eventType ?? '?'}`;
  r.check(
    h.leaf(leafData).equals(leafHash),
    `${tag}: 叶哈希 = H(0x00‖叶数据)`,
    `${tag}: leaf hash = H(0x00 ‖ leaf data)`,
  );
  let leaf;
  try {
    leaf = JSON.parse(leafData.toString('utf8'));
  } catch {
    throw new Malformed(`${tag}: leaf data is not JSON`);
  }
  const salt = Buffer.from(String(e.headerSalt ?? ''), 'hex');
  r.check(
    h.raw(salt, Buffer.from(canonicalJson(e.header), 'utf8')).toString('hex') === leaf.headerCommitment &&
      leaf.eventId === e.header.eventId &&
      leaf.logId === note.origin,
    `${tag}: 头部承诺与叶数据一致`,
    `${tag}: header commitment matches the leaf`,
  );
  if (e.payload !== undefined) {
    const ps = Buffer.from(String(e.payloadSalt ?? ''), 'hex');
    r.check(
      h.raw(ps, Buffer.from(canonicalJson(e.payload), 'utf8')).toString('hex') === leaf.payloadCommitment,
      `${tag}: 载荷承诺一致`,
      `${tag}: payload commitment matches the leaf`,
    );
  }
  if (prevLeaf !== null)
    r.check(
      (e.header.prevObjectLeafHash ?? null) === prevLeaf,
      `${tag}: 前序链接指向上一条目`,
      `${tag}: prev link points to the previous entry`,
    );
  const p = proofs.find((x) => x && x.seq === seq);
  const ok =
    !!p &&
    p.treeSize === note.treeSize &&
    p.leafHash === e.leafHash &&
    verifyInclusion(h, seq, note.treeSize, leafHash, hashList(p.hashes, 'hashes'), note.root);
  r.check(
    ok,
    `${tag}: 包含于签名检查点（树大小 ${note.treeSize}）`,
    `${tag}: included in the signed checkpoint (size ${note.treeSize})`,
  );
  r.entries.push({
    seq,
    eventType: e.header.eventType,
    from: e.header.fromState,
    to: e.header.toState,
    at: e.header.occurredAt,
  });
}

/** Detects the kind of a parsed input (LED-10). */
export function detectKind(d) {
  if (typeof d === 'string') return 'checkpoint-text';
  if (d && d.kind === 'shuyun.evidence-package') return 'evidence-package';
  if (isCertificateBundle(d)) return 'certificate-bundle';
  if (d && 'seq' in d && 'treeSize' in d && 'hashes' in d) return 'inclusion-proof';
  if (d && 'from' in d && 'to' in d && 'hashes' in d) return 'consistency-proof';
  if (d && typeof d.checkpoint === 'string') return 'checkpoint';
  throw new Malformed('unknown file kind');
}

/** Verifies one input; returns a report (throws Malformed on bad input). */
export function verifyInput(d, opts = {}) {
  const kind = detectKind(d);
  const r = new Report(kind);
  if (kind === 'checkpoint-text') checkCheckpoint(r, d, opts.keyPem, undefined, opts.keyChain);
  else if (kind === 'checkpoint')
    checkCheckpoint(r, d.checkpoint, d.publicKeyPem ?? opts.keyPem, d.keyName, d.keyChain ?? opts.keyChain);
  else if (kind === 'inclusion-proof') checkInclusion(r, { publicKeyPem: opts.keyPem, keyChain: opts.keyChain, ...d });
  else if (kind === 'consistency-proof')
    checkConsistency(r, { publicKeyPem: opts.keyPem, keyChain: opts.keyChain, ...d });
  else if (kind === 'certificate-bundle') checkCertificateBundle(r, d);
  else checkPackage(r, d);
  return r;
}

function parseFile(text) {
  const t = text.replace(/^\uFEFF/, '');
  if (t.trimStart().startsWith('{')) {
    try {
      return JSON.parse(t);
    } catch {
      throw new Malformed('file is not valid JSON');
    }
  }
  return t;
}

function main(argv) {
  const args = argv.slice(2);
  const json = args.includes('--json');
  const ki = args.indexOf('--key');
  const ci = args.indexOf('--chain');
  const keyPem = ki >= 0 ? readFileSync(args[ki + 1], 'utf8') : undefined;
  const file = args.find((a, i) => !a.startsWith('--') && (ki < 0 || i !== ki + 1) && (ci < 0 || i !== ci + 1));
  if (!file) {
    console.error('用法 / usage: ledger-verify <file> [--key public-key.pem] [--chain key-chain.json] [--json]');
    return 2;
  }
  let r;
  try {
    const keyChain = ci >= 0 ? parseFile(readFileSync(args[ci + 1], 'utf8')) : undefined;
    r = verifyInput(parseFile(readFileSync(file, 'utf8')), { keyPem, keyChain });
  } catch (e) {
    const msg = e instanceof Malformed ? e.message : `cannot read input (${e.code ?? e.message})`;
    if (json) console.log(JSON.stringify({ ok: false, malformed: true, error: msg }));
    else console.error(`✗ 格式错误 / malformed: ${msg}`);
    return 2;
  }
  if (json)
    console.log(JSON.stringify({ ok: r.ok, kind: r.kind, checks: r.checks, entries: r.entries, status: r.status }));
  else {
    console.log(`文件类型 / kind: ${r.kind}  (${file})`);
    for (const c of r.checks) console.log(`${c.ok ? '✓' : '✗'} ${c.code ? `${c.code}: ` : ''}${c.zh} / ${c.en}`);
    if (r.statusLine) console.log(r.statusLine);
    if (r.entries)
      console.log(
        `条目 / entries: ${r.entries.length}${r.entries.length ? ` (${r.entries[0].eventType} … ${r.entries.at(-1).eventType})` : ''}`,
      );
    console.log(r.ok ? '结果：有效 / result: VALID' : '结果：无效 / result: INVALID');
  }
  return r.ok ? 0 : 1;
}

const isMain = process.argv[1] && /ledger-verify(\.mjs)?$/.test(process.argv[1]);
if (isMain) process.exit(main(process.argv));
