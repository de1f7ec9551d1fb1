import { randomUUID } from 'node:crypto';
import { shanghaiDate } from '../../../kernel/calendar/calendar.js';
import { AppError, notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { activeActorRoles, type Actor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { readsOrgRegister } from './actors.js';
import { assertNotBanned, type BanCheckScope } from './ban-check.js';
import { incidentsOfOrgSince, incidentWindowStart } from './incident-history.js';
import { agreementsInForceOf } from '../agreements-port.js';
import { deactivateOrganization, restoreOrganization } from './deactivation.js';
import { appointComplianceOfficer, complianceForExchangeGrant } from './compliance.js';
import { maskIdNumber, normalizeUscc } from '../codes.js';
import { actorRoleLifecycle, organizationLifecycle } from '../lifecycle.js';
import type { CreateOrgInput, GrantRoleInput } from '../model.js';
import { canReadOrg, orgSubject } from '../policy.js';
import type { OrgFacts, RoleGrantFacts } from '../rules.js';
import * as store from '../store.js';
import '../messages.js';

// Organizations and their actor roles (identity.md Organization, OrgActorRole; IAM-01 … IAM-10).

export async function getOrganization(k: Kernel, actor: Actor, id: string) {
  const o = await store.getOrg(k.db, id);
  if (!o || !canReadOrg(actor, o)) throw notFound('Organization', id);
  return { org: o, roles: await store.listActorRoles(k.db, id) };
}

export async function listOrganizations(
  k: Kernel,
  actor: Actor,
  q: { q?: string; state?: string; actor?: string; page: number; pageSize: number },
) {
  return store.listOrgs(k.db, {
    ...q,
    orgId: actor.orgId,
    jurisdictionIds: actor.readableJurisdictionIds,
    platform: readsOrgRegister(actor),
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
}

/** Registers an organization in pending_verification (IAM-01, IAM-02, IAM-03). */
export async function createOrganization(k: Kernel, actor: Actor, input: CreateOrgInput) {
  const uscc = input.uscc ? normalizeUscc(input.uscc) : null;
  return k.db.transaction().execute(async (trx) => {
    const j = await store.getJurisdiction(trx, input.homeJurisdictionId);
    if (!j) throw new AppError(422, 'JURISDICTION_UNKNOWN', { field: 'homeJurisdictionId' });
    const facts: OrgFacts = {
      entityKind: input.entityKind,
      uscc,
      personIdNumber: input.personIdNumber ?? null,
      today: k.clock.now(),
      duplicateExists: !!uscc && (await store.usccExists(trx, uscc)),
      usccKindAcknowledged: input.usccKindAcknowledged,
    };
    const id = randomUUID();
    const isPerson = input.entityKind === 'natural_person';
    return transition(trx, k.workflow, {
      lifecycle: organizationLifecycle,
      action: 'create',
      actor,
      object: null,
      facts,
      subject: { type: 'Organization', jurisdictionId: j.id, jurisdictionPath: j.path },
      input: {
        ...input,
        personIdNumber: input.personIdNumber ? maskIdNumber(input.personIdNumber) : undefined,
        legalRep: undefined,
      },
      values: {
        id,
        entity_kind: input.entityKind,
        name_zh: input.nameZh,
        short_name: input.shortName ?? null,
        uscc: isPerson ? null : uscc,
        person_id_number_enc:
          isPerson && input.personIdNumber ? k.secrets.masterKeys.encrypt(input.personIdNumber) : null,
        person_id_masked: isPerson && input.personIdNumber ? maskIdNumber(input.personIdNumber) : null,
        legal_rep: input.legalRep
          ? JSON.stringify({
              name: input.legalRep.name,
              idType: input.legalRep.idType,
              idNumberEnc: input.legalRep.idNumber
                ? k.secrets.masterKeys.encrypt(input.legalRep.idNumber).toString('base64')
                : null,
            })
          : null,
        registered_address: input.registeredAddress,
        division_code: input.divisionCode ?? (uscc ? uscc.slice(2, 8) : j.division_code),
        home_jurisdiction_id: j.id,
        supervising_authority_org_id: input.supervisingAuthorityOrgId ?? null,
        contacts: JSON.stringify(input.contacts),
        created_by: actor.userId ?? null,
      },
    });
  });
}

/** Moves an organization along its lifecycle (verify, suspend, reactivate, deactivate, restore). */
export async function changeOrgState(
  k: Kernel,
  actor: Actor,
  id: string,
  action: 'verify' | 'suspend' | 'reactivate' | 'deactivate' | 'restore',
  reason?: string,
) {
  if (action === 'deactivate' || action === 'restore') {
    const o = await store.getOrg(k.db, id);
    if (!o || !canReadOrg(actor, o)) throw notFound('Organization', id);
    return (action === 'deactivate' ? deactivateOrganization : restoreOrganization)(k, actor, o, reason);
  }
  return k.db.transaction().execute(async (trx) => {
    const o = await store.getOrg(trx, id, true);
    if (!o || !canReadOrg(actor, o)) throw notFound('Organization', id);
    const res = await transition(trx, k.workflow, {
      lifecycle: organizationLifecycle,
      action,
      actor,
      object: o,
      subject: orgSubject(o),
      input: { reason },
    });
    if (action === 'suspend') await store.suspendActiveRoles(trx, id);
    return res;
  });
}

// ENF-07: the operator role is the outcome of operator selection and the collaborator role admits a collaborator;
// a Ban on the credit code for that scope blocks the grant.
const BAN_SCOPE_OF_ACTOR: Record<string, BanCheckScope | undefined> = {
  operator: 'operator_selection',
  collaborator: 'collaborator_admission',
};

/** Grants an actor role (IAM-04 … IAM-09, PER-01); the grantor's own role decides who may. */
export async function grantActorRole(k: Kernel, actor: Actor, orgId: string, input: GrantRoleInput) {
  return k.db.transaction().execute(async (trx) => {
    const o = await store.getOrg(trx, orgId, true);
    if (!o || !canReadOrg(actor, o)) throw notFound('Organization', orgId);
    const j = await store.getJurisdiction(trx, input.jurisdictionId);
    if (!j) throw new AppError(422, 'JURISDICTION_UNKNOWN', { field: 'jurisdictionId' });
    const banScope = BAN_SCOPE_OF_ACTOR[input.actor];
    if (banScope) await assertNotBanned(trx, orgId, banScope, shanghaiDate(k.clock.now()));
    const existing = await store.listActorRoles(trx, orgId);
    const facts: RoleGrantFacts = {
      actor: input.actor,
      entityKind: o.entity_kind,
      blacklisted: Object.entries(o.blacklist_flags).some(
        ([key, v]) => ['dishonestJudgmentDebtor', 'majorTaxViolation', 'seriousDishonesty'].includes(key) && v === true,
      ),
      // ENF-08: the Incidents supervision holds, not a counter kept on the organization.
      incidentsInWindow: (
        await incidentsOfOrgSince(
          trx,
          orgId,
          incidentWindowStart(shanghaiDate(k.clock.now()), k.profile.get<number>('authorization.incidentFreeYears')),
        )
      ).length,
      otherActiveActors: existing.filter((r) => r.state === 'active').map((r) => r.actor),
      grantorActor: grantorActorFor(actor, input.actor, j.id),
      hasPrimarySecurityOfficer: await store.hasPrimarySecurityOfficer(trx, orgId),
      operationAgreement: input.actor === 'operator' ? await linkedAgreement(trx, orgId, j.id, input) : null,
      endedLabPartnerRoles: existing
        .filter((r) => r.actor === 'lab_partner' && r.state === 'ended')
        .map((r) => ({ cause: r.end_cause ?? null, endedOn: r.ended_on ?? null })),
      compliance:
        input.actor === 'exchange'
          ? await complianceForExchangeGrant(trx, orgId, input.complianceOfficerMembershipId)
          : null,
      today: shanghaiDate(k.clock.now()),
    };
    const today = shanghaiDate(k.clock.now());
    // IAM-05: an operator role ends with its agreement.
    const validTo = facts.operationAgreement ? facts.operationAgreement.validTo : (input.validTo ?? null);
    const subject = {
      type: 'OrgActorRole',
      jurisdictionId: j.id,
      jurisdictionPath: j.path,
      ownerOrgId: orgId,
      subjectUserId: null,
    };
    const res = await transition(trx, k.workflow, {
      lifecycle: actorRoleLifecycle,
      action: 'grant',
      actor,
      object: null,
      facts,
      input,
      subject,
      values: {
        id: randomUUID(),
        org_id: orgId,
        actor: input.actor,
        jurisdiction_id: j.id,
        basis_type: input.basisType,
        basis_ref: input.basisRef ?? null,
        granted_by: actor.userId ?? null,
        valid_from: input.validFrom ?? today,
        valid_to: validTo,
      },
    });
    // PER-06: the exchange's compliance officer is appointed with the grant.
    if (input.actor === 'exchange' && input.complianceOfficerMembershipId)
      await appointComplianceOfficer(trx, k, actor, subject, input.complianceOfficerMembershipId);
    return res;
  });
}

/** IAM-05: the agreement in force that the grant's basis names, for this operator in this jurisdiction (via the port). */
async function linkedAgreement(
  db: Parameters<typeof agreementsInForceOf>[0],
  orgId: string,
  jurisdictionId: string,
  input: GrantRoleInput,
) {
  if (input.basisType !== 'operation_agreement' || !input.basisRef) return null;
  const found = (await agreementsInForceOf(db, orgId)).find(
    (a) => a.id === input.basisRef && a.jurisdictionId === jurisdictionId,
  );
  return found ? { id: found.id, validTo: found.validTo } : null;
}

/** Which of the grantor's actor roles, in the target jurisdiction, is granting. */
function grantorActorFor(actor: Actor, _target: string, jurisdictionId: string): string | null {
  if (activeActorRoles(actor, 'platform_admin').length) return 'platform_admin';
  for (const t of ['authority', 'operator', 'exchange']) {
    if (activeActorRoles(actor, t).some((r) => r.jurisdictionId === jurisdictionId)) return t;
  }
  return null;
}
