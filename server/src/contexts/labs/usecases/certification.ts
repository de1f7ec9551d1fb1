import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { resumeLabGrants } from '../../authorization/service.js';
import { issueLabPlaque } from '../../rights/service.js';
import { labLifecycle } from '../lifecycle.js';
import { PlatformAttestation } from '../model.js';
import { certificationValidTo } from '../rules.js';
import * as store from '../store.js';
import { asStrings, authorityRole, json, today } from './common.js';
import { labSubject, lockLab } from './labs.js';
import { orgInfo } from './ports.js';

/**
 * Certification (授牌, 000:L32, L46): the lab attests its platform (government extranet; evaluated CPU, OS and
 * database, LAB-10); the authority certifies a lab whose agreement is filed (LAB-09) for `lab.certificationYears`
 * (LAB-11). Certification issues the plaque (a rights Certificate of kind `lab_plaque`, signed with the authority's
 * key) and resumes the lab's held Grants (LAB-13), in one transaction; the lab then shows on the public list.
 */

/** Either party records the platform attestation before certification. */
export async function attestPlatform(k: Kernel, actor: Actor, labId: string, attestation: PlatformAttestation) {
  return k.db.transaction().execute(async (trx) => {
    const lab = await lockLab(trx, actor, labId);
    await transition(trx, k.workflow, {
      lifecycle: labLifecycle,
      action: lab.state === 'agreement_filed' ? 'attest_filed' : 'attest',
      actor,
      object: lab,
      subject: labSubject(lab),
      input: attestation,
      values: { platform_attestation: json(attestation) },
    });
    return (await store.getLab(trx, labId))!;
  });
}

/** The authority certifies today: validTo = today + `lab.certificationYears` (same month and day). */
export async function certifyLab(k: Kernel, actor: Actor, labId: string) {
  authorityRole(actor);
  const peek = await store.getLab(k.db, labId);
  // Names for the plaque come through identity's port, before the transaction (PGlite: one connection).
  const [authority, initiator, partner] = peek
    ? await Promise.all([
        orgInfo(k, actor.orgId ?? ''),
        orgInfo(k, peek.initiator_org_id),
        orgInfo(k, peek.partner_org_id),
      ])
    : [null, null, null];
  return k.db.transaction().execute(async (trx) => {
    const lab = await lockLab(trx, actor, labId);
    const agreement = lab.current_agreement_id ? await store.getAgreement(trx, lab.current_agreement_id) : undefined;
    const certifiedAt = today(k);
    const validTo = certificationValidTo(certifiedAt, k.profile);
    await transition(trx, k.workflow, {
      lifecycle: labLifecycle,
      action: 'certify',
      actor,
      object: lab,
      subject: labSubject(lab),
      facts: {
        agreementState: agreement?.state ?? null,
        attestation: PlatformAttestation.nullable().parse(lab.platform_attestation),
      },
      values: { certified_at: certifiedAt, valid_to: validTo },
    });
    if (agreement) await resumeLabGrants(trx, k, actor, asStrings(agreement.grant_ids));
    // authority, initiator and partner were read above for this lab (peek is the same row).
    const plaque = await issueLabPlaque(
      trx,
      k,
      {
        lab: { id: lab.id, labNo: lab.lab_no, name: lab.name, domain: lab.domain },
        authority: { orgId: authority!.id, name: authority!.name },
        holder: { orgId: partner!.id, name: partner!.name, uscc: partner!.uscc },
        initiator: initiator!.name,
        partner: partner!.name,
        certifiedAt,
        validFrom: certifiedAt,
        validTo,
      },
      actor,
    );
    await store.setPlaque(trx, lab.id, { certificateId: plaque.id, certNo: plaque.cert_no, status: plaque.state });
    return (await store.getLab(trx, labId))!;
  });
}
