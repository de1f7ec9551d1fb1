// Offline check of a registry certificate bundle (rights-assets.md RA-23; issue 17):
// the SM2-SM3 signature over the RFC 8785 bytes of `certificate` with the registry key,
// the SM3 content digest in the log leaf, the leaf's inclusion in the registry log's signed
// checkpoint, and each later event (status, encumbrance, objection note) the same way.
// Everything in the bundle is attacker-controlled. The status it reports is the status as of
// the checkpoint's time: a later revocation is unknown to an older bundle.
import { createHash } from 'node:crypto';
import {
  Malformed,
  canonicalJson,
  hasher,
  parseNote,
  parsePublicKeyPem,
  sm2VerifyRaw,
  verifyInclusion,
  verifyNote,
} from './ledger-verify.mjs';

const HEX32 = /^[0-9a-f]{64}$/i;
const proofOf = (xs, what) => {
  if (!Array.isArray(xs) || xs.length > 64 || !xs.every((x) => typeof x === 'string' && HEX32.test(x)))
    throw new Malformed(`${what} is not a list of hashes`);
  return xs.map((x) => Buffer.from(x, 'hex'));
};
const shanghaiDate = (ms) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);

export function isCertificateBundle(d) {
  return !!d && typeof d === 'object' && !!d.certificate && !!d.signature && !!d.log && typeof d.log === 'object';
}

/** Status as of the checkpoint: the last status event, else valid unless validTo has passed. */
function statusAsOf(events, validTo, timeMs) {
  const last = events.filter((e) => e.event === 'status' && e.status).at(-1)?.status ?? 'valid';
  return last === 'valid' && typeof validTo === 'string' && validTo < shanghaiDate(timeMs ?? 0) ? 'expired' : last;
}

export function checkCertificateBundle(r, d) {
  const { certificate, signature, log } = d;
  if (typeof signature?.value !== 'string' || typeof log.checkpoint !== 'string' || !log.leaf)
    throw new Malformed('bundle lacks signature, leaf or checkpoint');
  const key = parsePublicKeyPem(d.publicKeyPem);
  if (key.alg !== 'sm2-sm3') throw new Malformed('a registry key is SM2');
  const msg = Buffer.from(canonicalJson(certificate), 'utf8');
  const digest = createHash('sm3').update(msg).digest('hex');
  r.check(
    log.leaf.contentDigest === digest,
    '内容摘要（SM3）与日志叶一致',
    'content digest (SM3) matches the log leaf',
  );
  r.check(
    sm2VerifyRaw(msg, Buffer.from(signature.value, 'base64'), key.raw),
    '登记机构 SM2 签名有效（用户标识 1234567812345678）',
    'registry SM2 signature valid (user ID 1234567812345678)',
  );
  r.check(
    log.leaf.signature === signature.value && log.leaf.certNo === certificate?.certNo,
    '日志叶对应本证书',
    'the log leaf is this certificate',
  );
  const note = parseNote(log.checkpoint);
  r.check(
    verifyNote(note, key, log.origin),
    `检查点签名有效（${note.origin}）`,
    `checkpoint signature valid (${note.origin})`,
  );
  r.check(note.origin === log.origin, '检查点来源与日志一致', 'checkpoint origin matches the log');
  const h = hasher(/-sha256$/.test(note.origin) ? 'sha256' : 'sm3');
  const included = (index, leaf, proof, what) =>
    verifyInclusion(
      h,
      index,
      note.treeSize,
      h.leaf(Buffer.from(canonicalJson(leaf), 'utf8')),
      proofOf(proof, what),
      note.root,
    );
  r.check(
    included(log.leafIndex, log.leaf, log.inclusionProof, 'inclusionProof'),
    `证书叶 #${log.leafIndex} 包含于签名检查点（树大小 ${note.treeSize}）`,
    `certificate leaf #${log.leafIndex} included in the signed checkpoint (size ${note.treeSize})`,
  );
  const events = Array.isArray(log.events) ? log.events : [];
  for (const e of events)
    r.check(
      e?.leaf?.certNo === certificate?.certNo && included(e.leafIndex, e.leaf, e.inclusionProof, 'event proof'),
      `事件 #${e?.leafIndex} ${e?.leaf?.event} 包含于检查点`,
      `event #${e?.leafIndex} ${e?.leaf?.event} included in the checkpoint`,
    );
  const status = statusAsOf(
    events.map((e) => e.leaf),
    certificate?.validTo,
    note.timeMs,
  );
  const at = note.timeMs === undefined ? '?' : new Date(note.timeMs).toISOString();
  r.status = { value: status, asOf: at };
  r.statusLine = `证书 ${certificate?.certNo}：状态 ${status}（以检查点时间 ${at} 为准）/ status ${status} as of checkpoint time ${at}`;
}
