import { notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { keyId } from '../../../kernel/ledger/note.js';
import type { CertificateBundle, LogLeaf, PublicCertificateItem, RegistryKeyView, SignedContent } from '../model.js';
import * as store from '../store.js';
import { statusAsOf } from '../verify.js';
import { proofOf, publicKeyPemOf } from './registry-log.js';

/** Public certificate verification (RA-23): the list, the offline bundle, the registry keys. */

const contentOf = (c: store.CertificateRow) => c.content as SignedContent; // written by issueCertificate/issueLabPlaque
const leafOf = (l: store.LeafRow) => l.leaf as LogLeaf; // written by appendCertificateLeaf through LogLeaf

export async function listPublicCertificates(k: Kernel, q: { page: number; pageSize: number }) {
  const { items, total } = await store.listCertificates(k.db, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  const view: PublicCertificateItem[] = items.map((c) => ({
    number: c.cert_no,
    kind: c.kind,
    holder: contentOf(c).holder.name,
    status: c.state as PublicCertificateItem['status'],
    validTo: c.valid_to,
    registry: contentOf(c).registry.name,
  }));
  return { items: view, total, page: q.page, pageSize: q.pageSize };
}

/** Encumbrance page and objection notes, as the certificate's leaves record them. */
export function pagesOf(leaves: LogLeaf[]) {
  const encumbrances = leaves
    .filter((l) => l.event === 'encumbrance_added' && l.detail)
    .map((l) => ({
      type: l.detail?.type ?? '',
      party: l.detail?.party ?? '',
      date: l.detail?.date ?? '',
      regId: l.detail?.regId ?? '',
    }));
  const notes = new Map<string, { objectionId: string; date: string; removed: boolean }>();
  for (const l of leaves) {
    const id = l.detail?.objectionId;
    if (!id) continue;
    if (l.event === 'objection_noted') notes.set(id, { objectionId: id, date: l.detail?.date ?? l.at, removed: false });
    if (l.event === 'objection_note_removed' && notes.has(id)) notes.set(id, { ...notes.get(id)!, removed: true });
  }
  return { encumbrances, objectionNotes: [...notes.values()] };
}

/** The offline bundle: content, signature, key, leaf, proofs and the latest signed checkpoint. */
export async function certificateBundle(k: Kernel, certNo: string): Promise<CertificateBundle> {
  const cert = await store.getCertificateByNo(k.db, certNo);
  const cp = cert ? await store.latestCheckpoint(k.db, cert.log_id) : undefined;
  const key = cert ? await store.getRegistryKey(k.db, cert.registry_org_id) : undefined;
  if (!cert || !cp || !key) throw notFound('RightsCertificate', certNo);
  const size = Number(cp.tree_size);
  const leaves = (await store.leavesOf(k.db, cert.id)).filter((l) => Number(l.leaf_index) < size);
  const proven = await Promise.all(
    leaves.map(async (l) => ({
      leafIndex: Number(l.leaf_index),
      leaf: leafOf(l),
      inclusionProof: await proofOf(k.db, k, cert.log_id, Number(l.leaf_index), size),
    })),
  );
  const [issued, ...events] = proven;
  if (!issued) throw notFound('RightsCertificate', certNo);
  const timeMs = Number(cp.time_ms);
  return {
    kind: 'shuyun.certificate-bundle',
    certificate: contentOf(cert),
    signature: { alg: 'SM2-SM3', keyId: cert.key_id, value: cert.signature },
    publicKeyPem: publicKeyPemOf({ publicKeyHex: key.public_key_hex }),
    log: { origin: cert.log_id, ...issued, checkpoint: cp.note_text, events },
    status: {
      value: statusAsOf(
        events.map((e) => e.leaf),
        cert.valid_to,
        timeMs,
      ),
      asOf: new Date(timeMs).toISOString(),
      note: '状态以检查点时间为准 / status as of checkpoint time',
    },
    ...pagesOf(proven.map((p) => p.leaf)),
  };
}

export async function registryKeys(k: Kernel): Promise<RegistryKeyView[]> {
  const rows = await store.listRegistryKeys(k.db);
  return rows.map((r) => ({
    registryOrgId: r.registry_org_id,
    registry: r.key_name,
    keyName: r.key_name,
    keyId: keyId(r.key_name, 'sm2-sm3', Buffer.from(r.public_key_hex, 'hex')).toString('hex'),
    algorithm: 'SM2-SM3',
    publicKeyPem: publicKeyPemOf({ publicKeyHex: r.public_key_hex }),
    logOrigin: r.key_name,
  }));
}

/** The registry log's latest signed checkpoint (signed-note text). */
export async function registryCheckpoint(k: Kernel, registryOrgId: string) {
  const logId = `registry-${registryOrgId}`;
  const cp = await store.latestCheckpoint(k.db, logId);
  if (!cp) throw notFound('RegistryLog', logId);
  return { origin: logId, treeSize: Number(cp.tree_size), checkpoint: cp.note_text };
}
