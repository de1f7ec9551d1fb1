import { canonicalJson } from '../../../kernel/crypto/jcs.js';
import { generateSm2KeyPair, sm2PublicKeyPem, sm2Sign } from '../../../kernel/crypto/sm2.js';
import type { Executor, Tx } from '../../../kernel/db/tables.js';
import type { Kernel } from '../../../kernel/kernel.js';
import {
  appendToEdge,
  consistencyProof,
  edgeNodes,
  hasherFor,
  inclusionProof,
  nodesNeeded,
  rootAt,
  verifyConsistency,
  type NodeReader,
} from '../../../kernel/ledger/merkle.js';
import { formatBody, keyId, signNote, sm2Signer, verifyNote, type NoteSigner } from '../../../kernel/ledger/note.js';
import type { LogLeaf } from '../model.js';
import * as store from '../store.js';

/**
 * The registry's own tamper-evident log `registry-<org>` (RA-22, decision 0070): the ledger's
 * RFC 9162 tree code and C2SP signed notes, over the rights tables, signed with the registry's
 * SM2 key (standard user ID) rather than the platform's ledger key.
 */

export const logIdOf = (registryOrgId: string) => `registry-${registryOrgId}`;

export interface RegistryKey {
  keyName: string;
  publicKeyHex: string;
  privateKeyHex: string;
  /** The C2SP key id (4 bytes hex) of the key for its log origin. */
  keyId: string;
}

/** The registry's signing key, generated on first use; the private half is SM4-wrapped with the master key. */
export async function registryKey(db: Executor, k: Kernel, registryOrgId: string): Promise<RegistryKey> {
  let row = await store.getRegistryKey(db, registryOrgId);
  if (!row) {
    const pair = generateSm2KeyPair();
    await store.insertRegistryKey(db, {
      registry_org_id: registryOrgId,
      key_name: logIdOf(registryOrgId),
      public_key_hex: pair.publicKeyHex,
      private_key_enc: k.secrets.masterKeys.encrypt(pair.privateKeyHex),
    });
    row = await store.getRegistryKey(db, registryOrgId);
  }
  if (!row) throw new Error(`registry key of ${registryOrgId} could not be created`);
  return toKey(row, k);
}

function toKey(row: store.RegistryKeyRow, k: Kernel): RegistryKey {
  const publicKey = Buffer.from(row.public_key_hex, 'hex');
  return {
    keyName: row.key_name,
    publicKeyHex: row.public_key_hex,
    privateKeyHex: k.secrets.masterKeys.decrypt(row.private_key_enc).toString('utf8'),
    keyId: keyId(row.key_name, 'sm2-sm3', publicKey).toString('hex'),
  };
}

export const publicKeyPemOf = (key: Pick<RegistryKey, 'publicKeyHex'>) => sm2PublicKeyPem(key.publicKeyHex);

/** SM2-SM3 signature (DER, base64) over the RFC 8785 bytes of a value (RA-22). */
export function signCanonical(key: RegistryKey, value: unknown): string {
  return sm2Sign(Buffer.from(canonicalJson(value), 'utf8'), key.privateKeyHex).toString('base64');
}

const signerOf = (key: RegistryKey): NoteSigner => sm2Signer(key.keyName, key.privateKeyHex, key.publicKeyHex);

/** The leaf bytes: RFC 8785 UTF-8 of the leaf object, so the offline verifier rebuilds them from the bundle. */
export const leafBytes = (leaf: LogLeaf) => Buffer.from(canonicalJson(leaf), 'utf8');

async function withNodes<T>(db: Executor, logId: string, build: (read: NodeReader) => T): Promise<T> {
  const nodes = await store.fetchNodes(db, logId, nodesNeeded(build));
  return build((level, index) => {
    const v = nodes.get(`${level}:${index}`);
    if (!v) throw new Error(`registry log node ${level}:${index} missing in ${logId}`);
    return v;
  });
}

/**
 * Appends one leaf for a certificate and signs a checkpoint covering it, in the caller's
 * transaction: a certificate is verifiable offline from the moment it is issued (decision 0070).
 */
export async function appendCertificateLeaf(
  trx: Tx,
  k: Kernel,
  registryOrgId: string,
  certificateId: string,
  leaf: LogLeaf,
): Promise<number> {
  const logId = logIdOf(registryOrgId);
  const log = await store.lockLog(trx, logId, registryOrgId, k.ledger.hash);
  const h = hasherFor(k.ledger.hash);
  const size = Number(log.tree_size);
  const edge = await store.fetchNodes(trx, logId, edgeNodes(size));
  const leafHash = h.leaf(leafBytes(leaf));
  const nodes = appendToEdge(h, size, edge, [leafHash]);
  await store.appendLeaf(
    trx,
    log,
    {
      log_id: logId,
      leaf_index: size,
      certificate_id: certificateId,
      event: leaf.event,
      leaf,
      leaf_hash: leafHash.toString('hex'),
    },
    nodes,
  );
  await signCheckpoint(trx, k, registryOrgId, size + 1);
  return size;
}

/** Signs the tree head after checking the previous checkpoint's signature and consistency (LED-07, LED-08). */
async function signCheckpoint(trx: Tx, k: Kernel, registryOrgId: string, size: number) {
  const logId = logIdOf(registryOrgId);
  const key = await registryKey(trx, k, registryOrgId);
  const h = hasherFor(k.ledger.hash);
  const root = await withNodes(trx, logId, (read) => rootAt(h, read, size));
  const last = await store.latestCheckpoint(trx, logId);
  let proof: Buffer[] = [];
  if (last) {
    const signer = signerOf(key);
    if (!verifyNote(last.note_text, [signer])) throw new Error(`${logId}: previous checkpoint signature invalid`);
    const m = Number(last.tree_size);
    proof = await withNodes(trx, logId, (read) => consistencyProof(h, read, m, size));
    if (!verifyConsistency(h, m, size, Buffer.from(last.root_hash, 'hex'), root, proof))
      throw new Error(`${logId}: log is not consistent with its last checkpoint`);
  }
  const now = k.clock.now().getTime();
  const note = signNote(formatBody({ origin: logId, treeSize: size, rootHash: root, timeMs: now }), [signerOf(key)]);
  await store.insertCheckpoint(trx, {
    log_id: logId,
    tree_size: size,
    root_hash: root.toString('hex'),
    time_ms: now,
    note_text: note,
    prev_tree_size: last ? Number(last.tree_size) : null,
    consistency_proof: JSON.stringify(proof.map((p) => p.toString('hex'))),
  });
}

/** RFC 9162 inclusion proof of a leaf in a tree of `size` leaves, as hex hashes. */
export async function proofOf(db: Executor, k: Kernel, logId: string, leafIndex: number, size: number) {
  const h = hasherFor(k.ledger.hash);
  const proof = await withNodes(db, logId, (read) => inclusionProof(h, read, leafIndex, size));
  return proof.map((p) => p.toString('hex'));
}
