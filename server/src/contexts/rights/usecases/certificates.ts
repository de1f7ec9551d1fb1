import { shanghaiDate } from '../../../kernel/calendar/calendar.js';
import { canonicalJson } from '../../../kernel/crypto/jcs.js';
import { sm3Hex } from '../../../kernel/crypto/sm3.js';
import type { Tx } from '../../../kernel/db/tables.js';
import { uuidv7 } from '../../../kernel/ids.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Profile } from '../../../kernel/profiles/index.js';
import { systemActor, type Actor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { certificateLifecycle } from '../lifecycle.js';
import type { CertificateContent, CertificateKind, CertificateStatus, LogLeaf, ObjectInfo } from '../model.js';
import * as store from '../store.js';
import type { OrgInfo } from './orgs.js';
import { appendCertificateLeaf, logIdOf, registryKey, signCanonical } from './registry-log.js';

/**
 * Certificates (RA-21, RA-22): unique number per registry, content signed SM2-SM3 by the
 * registry key, the issue and every later event a leaf of the registry's log.
 */

/**
 * A certificate number: serial `<prefix>-<year>-<000001>`, or an OID under the profile's arc (guizhou).
 * `key` names the profile's numbering (`cert.number`; lab plaques `cert.labPlaqueNumber`).
 */
export async function numberFor(trx: Tx, p: Profile, year: number, key = 'cert.number'): Promise<string> {
  const spec = p.get<{ kind: 'serial'; prefix: string } | { kind: 'oid'; arc: string }>(key);
  const scope = spec.kind === 'oid' ? spec.arc : spec.prefix;
  const n = await store.nextNumber(trx, `cert:${scope}`, year);
  return spec.kind === 'oid' ? `${spec.arc}.${year}.${n}` : `${spec.prefix}-${year}-${String(n).padStart(6, '0')}`;
}

export const certificateSubject = (c: store.CertificateRow) => ({
  type: 'RightsCertificate',
  id: c.id,
  ownerOrgId: c.registry_org_id,
  partyOrgIds: [c.holder_org_id],
});

export interface IssueInput {
  registration: store.RegistrationRow;
  unitId: string;
  kind: Exclude<CertificateKind, 'lab_plaque'>;
  holder: OrgInfo;
  registry: OrgInfo;
  validFrom: string;
  validTo: string;
  supersedes: store.CertificateRow | null;
}

/** Issues a certificate in the caller's transaction: number, content, signature, row, log leaf. */
export async function issueCertificate(trx: Tx, k: Kernel, p: Profile, i: IssueInput): Promise<store.CertificateRow> {
  const now = k.clock.now();
  const certNo = await numberFor(trx, p, Number(shanghaiDate(now).slice(0, 4)));
  const info = i.registration.object_info as ObjectInfo; // written by us through ObjectInfo
  const content: CertificateContent = {
    certNo,
    kind: i.kind,
    registry: { orgId: i.registry.id, name: i.registry.name },
    registrationNo: i.registration.registration_no,
    issuedAt: now.toISOString(),
    holder: { orgId: i.holder.id, name: i.holder.name, uscc: i.holder.uscc },
    data: { name: info.name, version: info.version, type: i.registration.subject_kind },
    rightType: i.registration.right_type,
    acquisition: info.acquisitionMethod,
    source: info.source,
    updateCycle: info.updateCycle,
    scenarios: info.scenarios,
    scope: info.scope,
    validFrom: i.validFrom,
    validTo: i.validTo,
    profile: p.id,
    supersedes: i.supersedes?.cert_no ?? null,
  };
  const key = await registryKey(trx, k, i.registry.id);
  const digest = sm3Hex(canonicalJson(content));
  const signature = signCanonical(key, content);
  const id = uuidv7();
  const log = await store.lockLog(trx, logIdOf(i.registry.id), i.registry.id, k.ledger.hash);
  await transition(trx, k.workflow, {
    lifecycle: certificateLifecycle,
    action: 'issue',
    actor: systemActor('rights-certificates'),
    object: null,
    subject: { type: 'RightsCertificate', id },
    input: { certNo, contentDigest: digest, rule: 'RA-22' },
    profile: p,
    values: {
      id,
      cert_no: certNo,
      registration_id: i.registration.id,
      unit_id: i.unitId,
      registry_org_id: i.registry.id,
      holder_org_id: i.holder.id,
      kind: i.kind,
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
  const leaf: LogLeaf = {
    type: 'shuyun.certificate-event',
    certNo,
    event: 'issued',
    at: now.toISOString(),
    contentDigest: digest,
    signature,
  };
  await appendCertificateLeaf(trx, k, i.registry.id, id, leaf);
  const row = await store.getCertificate(trx, id);
  if (!row) throw new Error(`certificate ${certNo} vanished`);
  return row;
}

/** Records a later event on a certificate (encumbrance, objection note) as a log leaf. */
export async function noteOnCertificate(
  trx: Tx,
  k: Kernel,
  cert: store.CertificateRow,
  event: string,
  detail: Record<string, string>,
) {
  const leaf: LogLeaf = {
    type: 'shuyun.certificate-event',
    certNo: cert.cert_no,
    event,
    at: k.clock.now().toISOString(),
    detail,
  };
  await appendCertificateLeaf(trx, k, cert.registry_org_id, cert.id, leaf);
}

const ACTION_OF: Record<Exclude<CertificateStatus, 'valid'>, 'supersede' | 'cancel' | 'expire' | 'revoke'> = {
  superseded: 'supersede',
  cancelled: 'cancel',
  expired: 'expire',
  revoked: 'revoke',
};

/** A status change: the transition (event + ledger entry) and a `status` leaf in the registry log. */
export async function changeCertificateStatus(
  trx: Tx,
  k: Kernel,
  cert: store.CertificateRow,
  status: Exclude<CertificateStatus, 'valid'>,
  opts: { actor?: Actor; reason: string; ground?: string; supersededBy?: string; profile: Profile },
) {
  await transition(trx, k.workflow, {
    lifecycle: certificateLifecycle,
    action: ACTION_OF[status],
    actor: opts.actor ?? systemActor('rights-certificates'),
    object: cert,
    subject: certificateSubject(cert),
    facts: { ground: opts.ground ?? '' },
    input: { reason: opts.reason, ground: opts.ground ?? null },
    profile: opts.profile,
    values: opts.supersededBy ? { superseded_by: opts.supersededBy } : {},
  });
  const leaf: LogLeaf = {
    type: 'shuyun.certificate-event',
    certNo: cert.cert_no,
    event: 'status',
    at: k.clock.now().toISOString(),
    status,
    detail: { reason: opts.reason, ...(opts.ground ? { ground: opts.ground } : {}) },
  };
  await appendCertificateLeaf(trx, k, cert.registry_org_id, cert.id, leaf);
}
