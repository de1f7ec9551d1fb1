import { randomUUID } from 'node:crypto';
import { shanghaiDate } from '../../../kernel/calendar/calendar.js';
import type { Tx } from '../../../kernel/db/tables.js';
import { AppError, notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { systemActor, type Actor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { assertNotBanned, incidentsOfOrgSince, incidentWindowStart } from '../../identity/service.js';
import { loadResource, type ResourceForAuthorization } from '../catalog-port.js';
import { agreementLifecycle, catalogEntryLifecycle, collaborationLifecycle } from '../lifecycle.js';
import { latestEvaluation } from './evaluations.js';
import { transitionGrant } from './followers.js';
import type { Candidate } from '../model.js';
import { agreementValidTo, type CatalogEntryFact } from '../rules/index.js';
import * as store from '../store.js';
import { agreementSubject, catalogEntrySubject, collaborationSubject, grantSubject } from '../subjects.js';
import { json, mustRead, today } from './common.js';

/**
 * AUTH-14: a core-graded resource never enters the catalog (nothing of it can ever be granted). A core
 * field of an otherwise grantable resource may be listed; AUTH-14 refuses it when it is requested.
 */
function isCoreEntry(res: ResourceForAuthorization | undefined): boolean {
  return res?.grade === 'core';
}

/**
 * What AUTH-07 reads from the catalog contract about one entry: registration (REG-02), the entry's
 * fields added after it (REG-03, `registered: false`) and, for data shared in from another
 * jurisdiction, the providing unit's recorded consent (CAT-04).
 */
function catalogFacts(res: ResourceForAuthorization | undefined, fieldCodes: string[]) {
  return {
    registered: !!res?.registered,
    core: isCoreEntry(res),
    unregisteredFields: fieldCodes.filter((c) => res?.fields.find((x) => x.code === c)?.registered === false),
    sharedFromOtherRegion: !!res?.sharedFromOtherRegion,
    providerConsentRecorded: !!res?.providerConsentRecorded,
  };
}

export interface CreateAgreementIn {
  title: string;
  mode: string;
  jurisdictionId: string;
  derivedRightsClause: string;
  predecessorId?: string;
  catalog: {
    resourceId: string;
    fieldCodes: string[];
    usageScope?: string;
    securityRequirements?: string;
    updateFrequency?: string;
  }[];
}

/** Opens a draft agreement with its catalog; each entry awaits its source unit's consent (AUTH-07, AUTH-08). */
export async function createAgreement(k: Kernel, actor: Actor, input: CreateAgreementIn) {
  return k.db.transaction().execute(async (trx) => {
    const path = await store.jurisdictionPath(trx, input.jurisdictionId);
    const resources = await Promise.all(input.catalog.map((c) => loadResource(trx, c.resourceId)));
    const facts = {
      catalog: input.catalog.map(
        (c, i): CatalogEntryFact => ({
          ...catalogFacts(resources[i], c.fieldCodes),
          resourceId: c.resourceId,
          nameZh: resources[i]?.nameZh ?? c.resourceId,
          consent: 'pending',
        }),
      ),
    };
    const id = randomUUID();
    const year = today(k).slice(0, 4);
    const agreementNo = await store.nextNumber(trx, 'operation_agreement', `OA-${k.profile.id}-${year}-`);
    const authorityOrgId = actor.orgId!;
    const subject = {
      type: 'OperationAgreement',
      jurisdictionId: input.jurisdictionId,
      jurisdictionPath: path,
      ownerOrgId: authorityOrgId,
    };
    const r = await transition(trx, k.workflow, {
      lifecycle: agreementLifecycle,
      action: 'create',
      actor,
      object: null,
      subject,
      facts,
      input,
      values: {
        id,
        agreement_no: agreementNo,
        profile_id: k.profile.id,
        authority_org_id: authorityOrgId,
        jurisdiction_id: input.jurisdictionId,
        mode: input.mode,
        title: input.title,
        derived_rights_clause: input.derivedRightsClause,
        predecessor_id: input.predecessorId ?? null,
        created_by: actor.userId ?? null,
      },
    });
    for (const [i, c] of input.catalog.entries()) {
      const res = resources[i]!;
      const unknown = c.fieldCodes.filter((f) => !res.fields.some((x) => x.code === f));
      if (unknown.length) throw new AppError(422, 'FIELD_NOT_IN_CATALOG', { field: unknown.join('、') });
      await transition(trx, k.workflow, {
        lifecycle: catalogEntryLifecycle,
        action: 'add',
        actor,
        object: null,
        subject: { ...subject, id },
        input: c,
        values: {
          id: randomUUID(),
          agreement_id: id,
          resource_id: c.resourceId,
          resource_name_zh: res.nameZh,
          registration_code: res.registrationCode,
          source_unit_org_id: res.sourceUnitOrgId,
          field_codes: json(c.fieldCodes),
          usage_scope: c.usageScope ?? null,
          security_requirements: c.securityRequirements ?? null,
          update_frequency: c.updateFrequency ?? null,
        },
      });
    }
    return { ...r, agreementNo };
  });
}

/** A source unit consents to (or refuses) its resource in the agreement catalog (AUTH-08). */
export async function decideCatalogEntry(
  k: Kernel,
  actor: Actor,
  entryId: string,
  input: { decision: 'consent' | 'refuse'; conditions?: string; reason?: string },
) {
  return k.db.transaction().execute(async (trx) => {
    const e = await store.getCatalogEntry(trx, entryId, true);
    if (!e) throw notFound('AgreementCatalogEntry', entryId);
    const a = (await store.getAgreement(trx, e.agreement_id))!;
    return transition(trx, k.workflow, {
      lifecycle: catalogEntryLifecycle,
      action: input.decision === 'consent' ? 'consent' : 'refuse',
      actor,
      object: e,
      subject: catalogEntrySubject(e, a),
      input,
      values: {
        consent: json({
          userId: actor.userId,
          at: k.clock.now().toISOString(),
          decision: input.decision,
          conditions: input.conditions ?? null,
          reason: input.reason ?? null,
        }),
      },
    });
  });
}

async function lockAgreement(trx: Tx, actor: Actor, id: string) {
  const a = await store.getAgreement(trx, id, true);
  const entries = a ? await store.listCatalogEntries(trx, id) : [];
  const su = entries.map((e) => e.source_unit_org_id);
  return { a: mustRead(a, actor, (x) => agreementSubject(x, su), 'OperationAgreement', id), entries, su };
}

/** Starts operator selection with a profile method (AUTH-01) over a registered, consented catalog (AUTH-07, AUTH-08). */
export async function startSelection(
  k: Kernel,
  actor: Actor,
  id: string,
  input: { method: string; noticeFileId: string; noticeAt: string },
) {
  return k.db.transaction().execute(async (trx) => {
    const { a, entries, su } = await lockAgreement(trx, actor, id);
    const resources = await Promise.all(entries.map((e) => loadResource(trx, e.resource_id)));
    const catalog = entries.map(
      (e, i): CatalogEntryFact => ({
        ...catalogFacts(resources[i], e.field_codes as string[]),
        resourceId: e.resource_id,
        nameZh: e.resource_name_zh,
        consent: e.state === 'consented' ? 'consent' : e.state === 'refused' ? 'refuse' : 'pending',
      }),
    );
    return transition(trx, k.workflow, {
      lifecycle: agreementLifecycle,
      action: 'start_selection',
      actor,
      object: a,
      subject: agreementSubject(a, su),
      facts: { method: input.method, catalog },
      input,
      values: { selection: json({ ...input }) },
    });
  });
}

/** Awards the agreement to a qualified candidate (AUTH-02…05); every candidate's outcome is recorded. */
export async function awardAgreement(
  k: Kernel,
  actor: Actor,
  id: string,
  input: { candidates: Candidate[]; awardOrgId: string },
) {
  return k.db.transaction().execute(async (trx) => {
    const { a, su } = await lockAgreement(trx, actor, id);
    // ENF-07: a Ban on the awardee's credit code for operator selection blocks the award.
    await assertNotBanned(trx, input.awardOrgId, 'operator_selection', today(k));
    const candidate = input.candidates.find((c) => c.orgId === input.awardOrgId);
    const noticeAt = String(a.selection?.noticeAt ?? today(k));
    const incidents = await platformIncidentDates(k, trx, input.awardOrgId, noticeAt);
    const selection = {
      ...a.selection,
      awardedAt: k.clock.now().toISOString(),
      candidates: input.candidates.map((c) => ({
        ...c,
        outcome: c.orgId === input.awardOrgId ? 'awarded' : 'not_selected',
      })),
    };
    return transition(trx, k.workflow, {
      lifecycle: agreementLifecycle,
      action: 'award',
      actor,
      object: a,
      subject: agreementSubject(a, su),
      facts: { candidate, noticeAt, platformIncidentDates: incidents, today: today(k) },
      input,
      values: { selection: json(selection), operator_org_id: input.awardOrgId },
    });
  });
}

// ENF-08: the candidate's Incidents on the platform (supervision's, through identity's seam), as Shanghai dates of
// discovery; AUTH-03 keeps those inside its window.
async function platformIncidentDates(k: Kernel, trx: Tx, orgId: string, noticeAt: string): Promise<string[]> {
  const since = incidentWindowStart(noticeAt, k.profile.get<number>('authorization.incidentFreeYears'));
  return (await incidentsOfOrgSince(trx, orgId, since)).map((i) => shanghaiDate(new Date(i.discoveredAt)));
}

/** Both parties signed: the term starts (AUTH-06) and the obligation clocks are generated (AUTH-27). */
export async function signAgreement(
  k: Kernel,
  actor: Actor,
  id: string,
  input: { validFrom: string; documents: { name: string; fileId: string; sm3: string }[]; collaboratorRules?: string },
) {
  return k.db.transaction().execute(async (trx) => {
    const { a, su } = await lockAgreement(trx, actor, id);
    const validTo = agreementValidTo(input.validFrom, k.profile.get<number>('authorization.termYears'));
    return transition(trx, k.workflow, {
      lifecycle: agreementLifecycle,
      action: 'sign',
      actor,
      object: a,
      subject: agreementSubject(a, su),
      facts: { documents: input.documents, validFrom: input.validFrom, today: today(k) },
      input,
      values: {
        valid_from: input.validFrom,
        valid_to: validTo,
        documents: json(input.documents),
        collaborator_rules: input.collaboratorRules ?? null,
        obligations: json(obligationsFor(k, input.validFrom)),
      },
    });
  });
}

/** AUTH-27: semi-annual security reports, quarterly assessments, yearly drills, from validFrom. */
export function obligationsFor(k: Kernel, validFrom: string) {
  return [
    {
      code: 'security_report',
      everyMonths: k.profile.get<number>('supervision.securityReportMonths'),
      from: validFrom,
    },
    { code: 'assessment', everyMonths: k.profile.get<number>('supervision.assessmentMonths'), from: validFrom },
    { code: 'emergency_drill', everyMonths: k.profile.get<number>('emergency.drillIntervalMonths'), from: validFrom },
    {
      code: 'operating_report',
      // REP-01's table: operating reports follow their own cadence, not the security one.
      everyMonths: k.profile.get<number>('supervision.operatingReportMonths'),
      from: validFrom,
    },
  ];
}

/**
 * AUTH-06 / AUTH-28: direct renewal; refused unless the profile allows it and the agreement's latest
 * Evaluation passed and carries `renewal_eligible`. The Evaluation comes through the evaluation port
 * (usecases/evaluations.ts), which supervision fills.
 */
export async function renewAgreement(k: Kernel, actor: Actor, id: string) {
  return k.db.transaction().execute(async (trx) => {
    const { a, su } = await lockAgreement(trx, actor, id);
    const latest = await latestEvaluation(trx, a);
    const latestEvaluationActions = latest?.result === 'pass' ? latest.actions : [];
    const newId = randomUUID();
    return transition(trx, k.workflow, {
      lifecycle: agreementLifecycle,
      action: 'renew',
      actor,
      object: null,
      subject: agreementSubject(a, su),
      facts: { latestEvaluationActions },
      values: {
        id: newId,
        agreement_no: await store.nextNumber(trx, 'operation_agreement', `OA-${k.profile.id}-${today(k).slice(0, 4)}-`),
        profile_id: a.profile_id,
        authority_org_id: a.authority_org_id,
        jurisdiction_id: a.jurisdiction_id,
        mode: a.mode,
        title: a.title,
        derived_rights_clause: a.derived_rights_clause,
        operator_org_id: a.operator_org_id,
        predecessor_id: a.id,
        selection: json({ method: 'direct_renewal', predecessorId: a.id }),
        created_by: actor.userId ?? null,
      },
    });
  });
}

/** AUTH-24: suspension is immediate and reaches every grant and collaboration of the agreement. */
export async function suspendAgreement(
  k: Kernel,
  actor: Actor,
  id: string,
  input: { reason: string; rectificationDeadline?: string },
) {
  return k.db.transaction().execute(async (trx) => {
    const { a, su } = await lockAgreement(trx, actor, id);
    const suspension = {
      reason: input.reason,
      at: k.clock.now().toISOString(),
      rectificationDeadline: input.rectificationDeadline ?? null,
      by: actor.userId ?? null,
    };
    const r = await transition(trx, k.workflow, {
      lifecycle: agreementLifecycle,
      action: 'suspend',
      actor,
      object: a,
      subject: agreementSubject(a, su),
      input,
      values: { suspension: json(suspension) },
    });
    await cascadeGrants(trx, k, actor, a, 'suspend', ['active'], { cause: 'agreement', ...suspension });
    await cascadeCollaborations(trx, k, actor, a, 'suspend', ['active', 'filed']);
    return r;
  });
}

/** The authority accepts the rectification: grants and collaborations suspended with the agreement resume. */
export async function resumeAgreement(k: Kernel, actor: Actor, id: string, input: { reason: string }) {
  return k.db.transaction().execute(async (trx) => {
    const { a, su } = await lockAgreement(trx, actor, id);
    const r = await transition(trx, k.workflow, {
      lifecycle: agreementLifecycle,
      action: 'resume',
      actor,
      object: a,
      subject: agreementSubject(a, su),
      input,
      values: { suspension: null },
    });
    const grants = (await store.listGrantsOfAgreement(trx, a.id, ['suspended'])).filter(
      (g) => g.suspension?.cause === 'agreement',
    );
    for (const g of grants)
      await transitionGrant(trx, k, {
        action: 'resume',
        actor,
        object: g,
        subject: grantSubject({ ...g, jurisdiction_path: a.jurisdiction_path }),
        input,
        values: { suspension: null },
      });
    await cascadeCollaborations(trx, k, actor, a, 'resume', ['suspended']);
    return r;
  });
}

/** Termination with a coded reason and evidence (AUTH-23); cascades per AUTH-26. */
export async function terminateAgreement(
  k: Kernel,
  actor: Actor,
  id: string,
  input: { reasonCode?: string; facts: string; evidenceFileIds: string[]; negotiationRecordFileId?: string },
) {
  return k.db.transaction().execute(async (trx) => {
    const { a, su } = await lockAgreement(trx, actor, id);
    const terminationId = randomUUID();
    const latest = input.reasonCode === 'evaluation_failed' ? await latestEvaluation(trx, a) : null;
    const r = await transition(trx, k.workflow, {
      lifecycle: agreementLifecycle,
      action: 'terminate',
      actor,
      object: a,
      subject: agreementSubject(a, su),
      facts: { ...input, latestEvaluation: latest },
      input,
      values: { termination_id: terminationId },
    });
    const revoked = await cascadeGrants(trx, k, actor, a, 'revoke', ['pending_plan', 'active', 'suspended'], null);
    const closed = await cascadeCollaborations(trx, k, actor, a, 'terminate', [
      'draft',
      'filed',
      'active',
      'suspended',
    ]);
    const now = k.clock.now();
    await store.insertTermination(trx, {
      id: terminationId,
      target_type: 'OperationAgreement',
      target_id: a.id,
      reason_code: input.reasonCode!,
      facts: input.facts,
      evidence_file_ids: json(input.evidenceFileIds),
      negotiation_record_file_id: input.negotiationRecordFileId ?? null,
      initiated_by: actor.userId ?? null,
      decided_by: actor.userId ?? null,
      decided_at: now,
      effective_at: now,
      cascade: json({ revokedGrantIds: revoked, terminatedCollaborationIds: closed }),
    });
    return { ...r, terminationId, revokedGrantIds: revoked, terminatedCollaborationIds: closed };
  });
}

/** AUTH-26 / AUTH-24 cascade onto the agreement's grants. */
export async function cascadeGrants(
  trx: Tx,
  k: Kernel,
  actor: Actor,
  a: store.AgreementRow,
  action: 'suspend' | 'revoke',
  states: string[],
  suspension: unknown,
) {
  const ids: string[] = [];
  for (const g of await store.listGrantsOfAgreement(trx, a.id, states)) {
    await transitionGrant(trx, k, {
      action,
      actor,
      object: g,
      subject: grantSubject({ ...g, jurisdiction_path: a.jurisdiction_path }),
      input: { cause: 'agreement', agreementId: a.id },
      values: suspension ? { suspension: json(suspension) } : {},
    });
    ids.push(g.id);
  }
  return ids;
}

async function cascadeCollaborations(
  trx: Tx,
  k: Kernel,
  actor: Actor,
  a: store.AgreementRow,
  action: 'suspend' | 'resume' | 'terminate',
  states: string[],
) {
  const ids: string[] = [];
  const g0 = { jurisdiction_id: a.jurisdiction_id, jurisdiction_path: a.jurisdiction_path };
  for (const c of await store.listCollaborationsOfAgreement(trx, a.id, states)) {
    // A draft cannot be "suspended" and a filed one resumes to active only once its start date came.
    if (action === 'suspend' && c.state === 'draft') continue;
    await transition(trx, k.workflow, {
      lifecycle: collaborationLifecycle,
      action,
      actor,
      object: c,
      subject: collaborationSubject(c, g0),
      input: { cause: 'agreement' },
    });
    ids.push(c.id);
  }
  return ids;
}

/** The actor the clock job acts as. */
export const clockActor = () => systemActor('authorization-clocks');
