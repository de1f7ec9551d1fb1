import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../../kernel/audit.js';
import { canonicalJson } from '../../../kernel/crypto/jcs.js';
import { sm2Sign } from '../../../kernel/crypto/sm2.js';
import { sm3Hex } from '../../../kernel/crypto/sm3.js';
import { openPayloadWith } from '../../../kernel/crypto/keyring.js';
import { badInput } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { logIdFor } from '../../../kernel/ledger/append.js';
import { latestCheckpoint, publicKeyView, signCheckpointIfDue } from '../../../kernel/ledger/checkpoint.js';
import { integrate } from '../../../kernel/ledger/sequencer.js';
import { actorRef, type Actor } from '../../../kernel/workflow/actor.js';
import * as store from '../store.js';
import type { EntryRow } from '../store.js';
import { recordAccess } from './access-log.js';
import { assertObjectReadable } from './object-entries.js';
import { inclusion } from './public-ledger.js';

/**
 * LED-13 evidence package: every entry of the object (leaf data, header + salt, payload +
 * salt while retained), inclusion proofs to one signed checkpoint, that checkpoint, the
 * public key, the extraction log, and a manifest with the SM3 of every file, signed with
 * the ledger key. One JSON document; tools/verify checks it offline (LED-10).
 */
export const EVIDENCE_KIND = 'shuyun.evidence-package';

export interface EvidenceRequest {
  objectType: string;
  objectId: string;
  purpose: string;
}

export async function buildEvidencePackage(k: Kernel, actor: Actor, req: EvidenceRequest) {
  if (!req.purpose?.trim()) throw badInput('EVIDENCE_PURPOSE_REQUIRED', { field: 'purpose' });
  await assertObjectReadable(k, actor, req.objectType, req.objectId);
  const logId = logIdFor(k.ledger, 'main');
  await integrate(k, 'main');
  const rows = await store.objectEntryRows(k.db, logId, req.objectType, req.objectId);
  const maxSeq = Math.max(...rows.map((r) => Number(r.seq)));
  let cp = await latestCheckpoint(k.db, logId);
  if (!cp || Number(cp.tree_size) <= maxSeq) {
    const s = await signCheckpointIfDue(k, 'main', { force: true });
    cp = s.signed ? s.checkpoint : await latestCheckpoint(k.db, logId);
  }
  const size = Number(cp!.tree_size);
  const entries = rows.map((r) => entryFile(k, r));
  const proofs = [];
  for (const r of rows) proofs.push(await inclusion(k, 'main', Number(r.seq), size));
  const id = randomUUID();
  const builtAt = k.clock.now().toISOString();
  const packageNo = `EP-${builtAt.slice(0, 4)}-${id.slice(0, 8).toUpperCase()}`;
  const extraction = await extractionLog(k, req, {
    at: builtAt,
    by: actorRef(actor),
    loginName: actor.loginName ?? null,
    ip: actor.ip ?? null,
    purpose: req.purpose,
    packageNo,
  });
  const files: Record<string, string> = {
    'entries.json': JSON.stringify(entries, null, 1),
    'proofs.json': JSON.stringify(proofs, null, 1),
    'checkpoint.txt': cp!.note_text,
    'public-key.json': JSON.stringify(publicKeyView(k, 'main'), null, 1),
    'extraction-log.json': JSON.stringify(extraction, null, 1),
  };
  const manifest = {
    packageNo,
    builtAt,
    logId,
    hash: k.ledger.hash,
    objectRefs: [{ objectType: req.objectType, objectId: req.objectId }],
    checkpointTreeSize: size,
    files: Object.entries(files).map(([path, text]) => ({ path, sm3: sm3Hex(text) })),
  };
  const signature = sm2Sign(canonicalJson(manifest), k.secrets.ledgerSigningKey.privateKeyHex).toString('base64');
  await k.db.transaction().execute(async (trx) => {
    await store.insertEvidencePackage(trx, {
      id,
      package_no: packageNo,
      requested_by: JSON.stringify(actorRef(actor)),
      purpose: req.purpose,
      object_type: req.objectType,
      object_id: req.objectId,
      checkpoint_tree_size: size,
      files: JSON.stringify(manifest.files),
      built_at: builtAt,
      ip: actor.ip ?? null,
    });
    // ledger.md: an export is itself a LedgerEntry.
    await recordAudit(trx, k.ledger, {
      action: 'ledger.evidence_exported',
      actor,
      targetType: 'EvidencePackage',
      targetId: id,
      result: 'success',
      after: { packageNo, purpose: req.purpose, objectType: req.objectType, objectId: req.objectId },
    });
  });
  recordAccess(k, actor, { action: 'download', objectType: req.objectType, objectId: req.objectId }); // LED-21
  return { kind: EVIDENCE_KIND, version: 1, files, manifest, manifestSignature: signature };
}

function entryFile(k: Kernel, r: EntryRow) {
  let payload: unknown;
  if (r.payload_state === 'retained' && r.payload_enc && r.payload_key_enc) {
    payload = openPayloadWith(k.secrets.masterKeys, r.payload_key_enc, r.payload_enc);
  }
  return {
    seq: Number(r.seq),
    leafHash: r.leaf_hash,
    leafData: Buffer.from(r.leaf_data).toString('base64'),
    header: r.header,
    headerSalt: Buffer.from(r.header_salt).toString('hex'),
    payloadState: r.payload_state,
    ...(payload !== undefined ? { payload, payloadSalt: Buffer.from(r.payload_salt).toString('hex') } : {}),
  };
}

/** Who exported this object's evidence before, plus this export, in time order (LED-13). */
async function extractionLog(k: Kernel, req: EvidenceRequest, current: Record<string, unknown>) {
  const prev = await store.evidencePackagesOf(k.db, req.objectType, req.objectId);
  return [
    ...prev.map((p) => ({
      at: new Date(p.built_at).toISOString(),
      by: p.requested_by,
      ip: p.ip,
      purpose: p.purpose,
      packageNo: p.package_no,
    })),
    current,
  ];
}
