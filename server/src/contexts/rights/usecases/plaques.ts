import { shanghaiDate } from '../../../kernel/calendar/calendar.js';
import { canonicalJson } from '../../../kernel/crypto/jcs.js';
import { sm3Hex } from '../../../kernel/crypto/sm3.js';
import type { Tx } from '../../../kernel/db/tables.js';
import { badInput, notFound } from '../../../kernel/http/errors.js';
import { uuidv7 } from '../../../kernel/ids.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { systemActor, type Actor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { certificateLifecycle } from '../lifecycle.js';
import type { LabPlaqueContent, LogLeaf } from '../model.js';
import * as store from '../store.js';
import { certificateSubject, numberFor } from './certificates.js';
import { appendCertificateLeaf, logIdOf, registryKey, signCanonical } from './registry-log.js';

/**
 * Lab plaques (labs.md "Certificate … kind `lab_plaque`"; decision 0077): certificates of the
 * registry machinery issued by the authority's key into its log `registry-<authority>`, with no
 * RightsRegistration behind them. Every function runs in the CALLER's transaction, so the labs
 * context certifies a lab and issues its plaque atomically. Names come from the caller: reading
 * identity inside a transaction would wait on PGlite's single connection.
 */

export interface LabPlaqueInput {
  lab: { id: string; labNo: string; name: string; domain: string };
  /** The issuing authority: its key signs, its log records (registry-<orgId>). */
  authority: { orgId: string; name: string };
  /** Who holds the plaque (the lab's partner, labs.md), printed with its credit code. */
  holder: { orgId: string; name: string; uscc: string };
  initiator: string;
  partner: string;
  /** YYYY-MM-DD dates (Asia/Shanghai). */
  certifiedAt: string;
  validFrom: string;
  validTo: string;
  /** The plaque this one replaces (a partner change, labs.md); it becomes `superseded`. */
  supersedesCertNo?: string;
}

export const labSubjectRef = (labId: string) => `Lab:${labId}`;
export const PLAQUE_REASONS = ['lab_revoked', 'lab_delisted'] as const;
export type PlaqueRevocationReason = (typeof PLAQUE_REASONS)[number];

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function assertDates(i: LabPlaqueInput) {
  const bad = [i.certifiedAt, i.validFrom, i.validTo].some((d) => !DAY.test(d)) || i.validTo < i.validFrom;
  if (bad) throw badInput('PLAQUE_INPUT_INVALID', { fields: 'certifiedAt, validFrom, validTo' });
}

/** Issues a signed plaque and appends its leaf (and a signed checkpoint) to the authority's log. */
export async function issueLabPlaque(
  trx: Tx,
  k: Kernel,
  i: LabPlaqueInput,
  actor: Actor = systemActor('labs'),
): Promise<store.CertificateRow> {
  assertDates(i);
  const old = i.supersedesCertNo ? await plaqueByNo(trx, i.supersedesCertNo) : null;
  const now = k.clock.now();
  const certNo = await numberFor(trx, k.profile, Number(shanghaiDate(now).slice(0, 4)), 'cert.labPlaqueNumber');
  const content: LabPlaqueContent = {
    certNo,
    kind: 'lab_plaque',
    registry: { orgId: i.authority.orgId, name: i.authority.name },
    issuedAt: now.toISOString(),
    holder: i.holder,
    lab: {
      labId: i.lab.id,
      labNo: i.lab.labNo,
      name: i.lab.name,
      initiator: i.initiator,
      partner: i.partner,
      domain: i.lab.domain,
      certifiedAt: i.certifiedAt,
    },
    validFrom: i.validFrom,
    validTo: i.validTo,
    profile: k.profile.id,
    supersedes: old?.cert_no ?? null,
  };
  const key = await registryKey(trx, k, i.authority.orgId);
  const digest = sm3Hex(canonicalJson(content));
  const signature = signCanonical(key, content);
  const id = uuidv7();
  const log = await store.lockLog(trx, logIdOf(i.authority.orgId), i.authority.orgId, k.ledger.hash);
  await transition(trx, k.workflow, {
    lifecycle: certificateLifecycle,
    action: 'issue_plaque',
    actor,
    object: null,
    subject: { type: 'RightsCertificate', id, ownerOrgId: i.authority.orgId, partyOrgIds: [i.holder.orgId] },
    input: { certNo, contentDigest: digest, labId: i.lab.id, rule: 'RA-22' },
    values: {
      id,
      cert_no: certNo,
      registration_id: null,
      unit_id: null,
      subject_ref: labSubjectRef(i.lab.id),
      registry_org_id: i.authority.orgId,
      holder_org_id: i.holder.orgId,
      kind: 'lab_plaque',
      content: JSON.stringify(content),
      content_digest: digest,
      signature,
      key_id: key.keyId,
      log_id: log.log_id,
      log_index: Number(log.tree_size),
      valid_from: i.validFrom,
      valid_to: i.validTo,
    },
  });
  const leaf: LogLeaf = { type: 'shuyun.certificate-event', certNo, event: 'issued', at: now.toISOString() };
  await appendCertificateLeaf(trx, k, i.authority.orgId, id, { ...leaf, contentDigest: digest, signature });
  if (old) await changePlaque(trx, k, old, 'superseded', { reason: 'lab_partner_changed', by: id }, actor);
  const row = await store.getCertificate(trx, id);
  if (!row) throw new Error(`plaque ${certNo} vanished`);
  return row;
}

/** Revokes a plaque (labs.md: revocation `lab_revoked`, delisting `lab_delisted`) with a status leaf. */
export async function revokeLabPlaque(
  trx: Tx,
  k: Kernel,
  certNo: string,
  reason: PlaqueRevocationReason,
  actor: Actor = systemActor('labs'),
): Promise<store.CertificateRow> {
  if (!PLAQUE_REASONS.includes(reason)) throw badInput('PLAQUE_INPUT_INVALID', { fields: 'reason' });
  const cert = await plaqueByNo(trx, certNo);
  await changePlaque(trx, k, cert, 'revoked', { reason }, actor);
  const after = await store.getCertificate(trx, cert.id);
  if (!after) throw notFound('RightsCertificate', certNo);
  return after;
}

/** The lab's current plaque (latest issued), if any. */
export async function currentLabPlaque(trx: Tx | Kernel['db'], labId: string) {
  return store.latestCertificateOfSubject(trx, labSubjectRef(labId), 'lab_plaque');
}

async function plaqueByNo(trx: Tx, certNo: string): Promise<store.CertificateRow> {
  const found = await store.getCertificateByNo(trx, certNo);
  const cert = found?.kind === 'lab_plaque' ? await store.getCertificate(trx, found.id, true) : undefined;
  if (!cert) throw notFound('RightsCertificate', certNo);
  return cert;
}

async function changePlaque(
  trx: Tx,
  k: Kernel,
  cert: store.CertificateRow,
  status: 'revoked' | 'superseded',
  o: { reason: string; by?: string },
  actor: Actor,
) {
  await transition(trx, k.workflow, {
    lifecycle: certificateLifecycle,
    action: status === 'revoked' ? 'revoke_plaque' : 'supersede_plaque',
    actor,
    object: cert,
    subject: certificateSubject(cert),
    input: { reason: o.reason },
    values: o.by ? { superseded_by: o.by } : {},
  });
  const leaf: LogLeaf = {
    type: 'shuyun.certificate-event',
    certNo: cert.cert_no,
    event: 'status',
    at: k.clock.now().toISOString(),
    status,
    detail: { reason: o.reason },
  };
  await appendCertificateLeaf(trx, k, cert.registry_org_id, cert.id, leaf);
}
