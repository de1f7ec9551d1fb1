import { shanghaiDate } from '../../kernel/calendar/calendar.js';
import { canonicalJson } from '../../kernel/crypto/jcs.js';
import { sm2PublicKeyFromPem, sm2Verify } from '../../kernel/crypto/sm2.js';
import { sm3Hex } from '../../kernel/crypto/sm3.js';
import { hasherFor, verifyInclusion } from '../../kernel/ledger/merkle.js';
import { parseNote, verifyNote } from '../../kernel/ledger/note.js';
import { CertificateBundle, type CertificateStatus, type LogLeaf, type VerifyView } from './model.js';

/**
 * Online verification of a certificate bundle (RA-23), the same checks as the offline
 * `npm run verify` (tools/verify/bin/certificate.mjs). Everything in the bundle is
 * attacker-controlled: any parse failure is a failed check (不通过), never a crash or "unknown".
 */

/** Status as of the checkpoint: the latest status leaf, else valid, unless validTo has passed. */
export function statusAsOf(events: LogLeaf[], validTo: string, checkpointMs: number): CertificateStatus {
  const last = events.filter((e) => e.event === 'status' && e.status).at(-1)?.status ?? 'valid';
  return last === 'valid' && validTo < shanghaiDate(new Date(checkpointMs)) ? 'expired' : last;
}

type Check = VerifyView['checks'][number];

export function verifyBundle(input: unknown): VerifyView {
  const checks: Check[] = [];
  const check = (ok: boolean, zh: string, en: string) => (checks.push({ ok, zh, en }), ok);
  const parsed = CertificateBundle.safeParse(input);
  if (!parsed.success) {
    check(false, '证书包格式有效', 'bundle is well-formed');
    return { ok: false, result: '不通过', status: null, statusAsOf: null, checks };
  }
  const b = parsed.data;
  const msg = Buffer.from(canonicalJson(b.certificate), 'utf8');
  let keyHex = '';
  try {
    keyHex = sm2PublicKeyFromPem(b.publicKeyPem);
  } catch {
    check(false, '登记机构公钥为 SM2', 'registry key is an SM2 key');
  }
  const digest = sm3Hex(msg);
  check(b.log.leaf.contentDigest === digest, '内容摘要（SM3）一致', 'content digest (SM3) matches');
  check(
    !!keyHex && sm2Verify(msg, Buffer.from(b.signature.value, 'base64'), keyHex),
    '登记机构 SM2 签名有效',
    'registry SM2 signature valid',
  );
  check(
    b.log.leaf.signature === b.signature.value && b.log.leaf.certNo === b.certificate.certNo,
    '日志叶对应本证书',
    'log leaf is this certificate',
  );
  const verifier = { keyName: b.log.origin, alg: 'sm2-sm3' as const, publicKey: Buffer.from(keyHex || '00', 'hex') };
  check(!!keyHex && verifyNote(b.log.checkpoint, [verifier]), '检查点签名有效', 'checkpoint signature valid');
  let note: ReturnType<typeof parseNote> | null = null;
  try {
    note = parseNote(b.log.checkpoint);
  } catch {
    check(false, '检查点格式有效', 'checkpoint is well-formed');
  }
  const h = hasherFor(/-sha256$/.test(b.log.origin) ? 'sha256' : 'sm3');
  const included = (leafIndex: number, leaf: LogLeaf, proof: string[]) =>
    !!note &&
    note.checkpoint.origin === b.log.origin &&
    verifyInclusion(
      h,
      leafIndex,
      note.checkpoint.treeSize,
      h.leaf(Buffer.from(canonicalJson(leaf), 'utf8')),
      proof.map((p) => Buffer.from(p, 'hex')),
      note.checkpoint.rootHash,
    );
  check(
    included(b.log.leafIndex, b.log.leaf, b.log.inclusionProof),
    '包含于签名检查点',
    'included in the signed checkpoint',
  );
  for (const e of b.log.events)
    check(
      e.leaf.certNo === b.certificate.certNo && included(e.leafIndex, e.leaf, e.inclusionProof),
      `事件 #${e.leafIndex} ${e.leaf.event} 包含于检查点`,
      `event #${e.leafIndex} ${e.leaf.event} included in the checkpoint`,
    );
  const ok = checks.every((c) => c.ok);
  const timeMs = note?.checkpoint.timeMs ?? 0;
  return {
    ok,
    result: ok ? '通过' : '不通过',
    status: ok
      ? statusAsOf(
          b.log.events.map((e) => e.leaf),
          b.certificate.validTo,
          timeMs,
        )
      : null,
    statusAsOf: ok ? new Date(timeMs).toISOString() : null,
    checks,
  };
}
