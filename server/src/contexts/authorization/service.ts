import type { Executor, Tx } from '../../kernel/db/tables.js';
import { sql } from 'kysely';
import { AppError, ruleError } from '../../kernel/http/errors.js';
import type { Profile } from '../../kernel/profiles/index.js';
import { runRules } from '../../kernel/workflow/rules.js';
import { loadResource } from './catalog-port.js';
import type { EgressPolicy, FieldGrant } from './egress-policy.js';
import { AUTH_18_USE, AUTH_19_USE, AUTH_24_USE, type UseFacts } from './rules/index.js';
import * as store from './store.js';
import './messages.js';
import './usecases/parties.js'; // identity's open-agreement port (organization deactivation guard)
import type { Kernel } from '../../kernel/kernel.js';
import { systemActor } from '../../kernel/workflow/actor.js';
import { grantSubject } from './subjects.js';
import { json } from './usecases/common.js';
import { transitionGrant } from './usecases/followers.js';
import { lockGrant } from './usecases/grants.js';

// The authorization context's published API. The sandbox relies on the grant-use contract below.
export type { EgressPolicy, MaskingMethod, MaskingRule } from './egress-policy.js';
export * from './usecases/agreements.js';
export { dateFailures } from './usecases/application-content.js';
export * from './usecases/approve-application.js';
export * from './usecases/close-application.js';
export * from './usecases/decide-consent.js';
export * from './usecases/draft-application.js';
export * from './usecases/submit-application.js';
export * from './usecases/grants.js';
export { runAuthorizationClocks } from './usecases/clocks.js';
export { narrowGrant } from './usecases/narrow.js';
export { followGrants, type GrantChange, type GrantFollower } from './usecases/followers.js';
export {
  latestEvaluation,
  provideEvaluations,
  type EvaluationAction,
  type EvaluationSource,
  type EvaluationSummary,
} from './usecases/evaluations.js';
export {
  decidePublicationPermission,
  getPublicationPermission,
  hasPublicationPermission,
  requestPublicationPermission,
} from './usecases/publication.js';
// AUTH-29 as the sandbox applies it to egress (EGR-13): one rule, one ID.
export { AUTH_29, PUBLICATION_USES } from './rules/index.js';
export { applyRectification, liftRectification } from './usecases/rectification.js';
export {
  endLabGrants,
  openLabGrants,
  resumeLabGrants,
  type LabGrantRequest,
  type LabScopeLine,
} from './usecases/lab-grants.js';
export { agreementCascade, type AgreementCascade } from './usecases/termination-port.js';
export { activatePlansForIncident, emergencyPlanDuties, type PlanDuty } from './usecases/plan-port.js';
export { signedAgreementObligations, type SignedAgreementObligations } from './usecases/obligation-port.js';

export interface GrantForUse {
  id: string;
  grantNo: string;
  state: string;
  operatorOrgId: string;
  collaboratorOrgIds: string[];
  scenarioApplicationId: string | null;
  purpose: string;
  jurisdictionId: string;
  jurisdictionPath: string[];
  validFrom: string;
  validTo: string;
  resources: {
    resourceId: string;
    nameZh: string;
    dataFile: string | null;
    fields: {
      code: string;
      nameZh: string;
      dataType: string;
      grade: string;
      personalInfo: boolean;
      directIdentifier: boolean;
      /** AUTH-15: an `aggregate_only` field may be read only inside aggregates (sandbox SBX-08). */
      visibility: FieldGrant['visibility'];
    }[];
  }[];
  egressPolicy: EgressPolicy;
  /** PSI-01: PSI allowed at all, and `membership` mode explicitly permitted (issue 19). */
  psi: { allowed: boolean; membership: boolean };
}

/** Everything the sandbox needs to use a grant: granted fields per resource, masking and egress policy. */
export async function getGrantForUse(db: Executor, grantId: string): Promise<GrantForUse | undefined> {
  const g = await store.getGrant(db, grantId);
  if (!g) return undefined;
  // Collaborators reach the grant only through a filed (or active) collaboration agreement (AUTH-19, AUTH-20).
  const collabs = await store.listCollaborationsOfGrant(db, grantId, ['filed', 'active']);
  const fields = g.fields as FieldGrant[];
  const byResource = new Map<string, FieldGrant[]>();
  for (const f of fields) byResource.set(f.resourceId, [...(byResource.get(f.resourceId) ?? []), f]);
  const resources = [];
  for (const [resourceId, fs] of byResource) {
    const res = await loadResource(db, resourceId);
    resources.push({
      resourceId,
      nameZh: res?.nameZh ?? fs[0]!.resourceNameZh,
      dataFile: res?.dataFile ?? null,
      fields: fs.map((f) => ({
        code: f.code,
        nameZh: f.nameZh,
        dataType: f.dataType,
        grade: f.grade,
        personalInfo: f.personalInfo,
        directIdentifier: f.directIdentifier,
        visibility: f.visibility ?? 'masked_rows',
      })),
    });
  }
  const p = g.egress_policy;
  return {
    id: g.id,
    grantNo: g.grant_no,
    state: g.state,
    operatorOrgId: g.holder_org_id,
    collaboratorOrgIds: [...new Set(collabs.map((c) => c.collaborator_org_id as string))],
    scenarioApplicationId: g.scenario_application_id,
    purpose: g.purpose?.scenario?.title ?? '',
    jurisdictionId: g.jurisdiction_id,
    jurisdictionPath: g.jurisdiction_path,
    validFrom: g.valid_from,
    validTo: g.valid_to,
    resources,
    psi: { allowed: g.psi_allowed, membership: g.psi_membership },
    egressPolicy: {
      allowedOutputKinds: p.allowedOutputKinds,
      minGroupSize: p.minGroupSize,
      smallCellSuppression: p.smallCellSuppression,
      dp: p.dp ?? null,
      masking: p.masking,
    },
  };
}

/** Grants orgId may use today: held by it or reached through a filed collaboration, active and in period. */
export async function listUsableGrantsForOrg(db: Executor, orgId: string, today: string): Promise<GrantForUse[]> {
  const out: GrantForUse[] = [];
  for (const id of await store.listGrantIdsForOrg(db, orgId)) {
    const g = await getGrantForUse(db, id);
    if (g && g.state === 'active' && g.validFrom <= today && today <= g.validTo) out.push(g);
  }
  return out.sort((a, b) => a.grantNo.localeCompare(b.grantNo));
}

// The use rules read no parameters; this profile is never consulted.
const NO_PROFILE: Profile = {
  id: 'none',
  has: () => false,
  get: () => {
    throw new Error('no profile');
  },
};

/**
 * Throws AppError 409 GRANT_SUSPENDED / GRANT_EXPIRED / GRANT_NOT_ACTIVE (rule ID in details.failures) when
 * the grant cannot be used now by this org; 403 ORG_IN_RECTIFICATION for a member of an org in rectification
 * (identity IAM-15, checked first); 403 REAUTHORIZATION_FORBIDDEN for an org that is neither holder nor filed collaborator (AUTH-19).
 */
export function assertGrantUsable(grant: GrantForUse, orgId: string, today: string, orgInRectification: boolean): void {
  const facts: UseFacts = {
    state: grant.state,
    validFrom: grant.validFrom,
    validTo: grant.validTo,
    operatorOrgId: grant.operatorOrgId,
    collaboratorOrgIds: grant.collaboratorOrgIds,
    orgId,
    today,
  };
  // IAM-15: the permission check runs first, so a member of an org in rectification hears that, whoever it is.
  if (orgInRectification) {
    throw new AppError(
      403,
      'ORG_IN_RECTIFICATION',
      {},
      {
        failures: [
          {
            ruleId: 'AUTH-24',
            code: 'ORG_IN_RECTIFICATION',
            params: {},
            message: '机构整改期间不得开展运营操作',
            message_en: 'Operating actions are denied while the organization is in rectification',
          },
        ],
        ruleId: 'AUTH-24',
      },
    );
  }
  const party = runRules([AUTH_19_USE], facts, NO_PROFILE);
  if (party.failures.length) throw ruleError(party.failures, 403);
  const { failures } = runRules([AUTH_24_USE, AUTH_18_USE], facts, NO_PROFILE);
  if (failures.length) throw ruleError(failures, 409);
}

/**
 * Supervision's incident port (supervision.md INC-02, issue 16): suspends the listed Grants that are active,
 * inside the caller's transaction, as the system; the Grant followers freeze their Workspaces and hold pending
 * egress in the same transaction. A Grant that does not exist refuses (404) and rolls the caller back.
 * Resumption stays a separate authority decision (POST /grants/{id}/resume). Returns the ids suspended.
 */
export async function suspendGrantsForIncident(
  trx: Tx,
  k: Kernel,
  grantIds: string[],
  cause: { incidentId: string; incidentNo: string },
): Promise<string[]> {
  const actor = systemActor('supervision.incident');
  const suspended: string[] = [];
  for (const id of grantIds) {
    const { g, collabs } = await lockGrant(trx, actor, id);
    if (g.state !== 'active') continue;
    const at = k.clock.now().toISOString();
    await transitionGrant(trx, k, {
      action: 'suspend',
      actor,
      object: g,
      subject: grantSubject(g, collabs),
      input: { cause: 'incident', ...cause },
      values: { suspension: json({ cause: 'incident', reason: cause.incidentNo, at, by: null }) },
    });
    suspended.push(id);
  }
  return suspended;
}

/** One edge of the supervision desk's flow map (issue 16): a source unit's data granted to an operator. */
export interface GrantFlow {
  sourceOrgId: string;
  operatorOrgId: string;
  grantIds: string[];
  suspended: number;
}

/**
 * Supervision's flow port (supervision.md "What users see", flow map): live Grants (active or suspended) whose
 * jurisdiction lies under any of `reach`, one edge per source unit and holder. An empty reach reads nothing.
 */
export async function grantFlows(db: Executor, reach: readonly string[]): Promise<GrantFlow[]> {
  if (!reach.length) return [];
  const rows = await sql<{ source_org_id: string; operator_org_id: string; grant_ids: string[]; suspended: number }>`
    SELECT s.source_org_id, g.holder_org_id AS operator_org_id, array_agg(g.id ORDER BY g.grant_no) AS grant_ids,
      count(*) FILTER (WHERE g.state = 'suspended')::int AS suspended
    FROM data_grant g JOIN jurisdiction j ON j.id = g.jurisdiction_id
    CROSS JOIN LATERAL unnest(g.source_unit_org_ids) AS s(source_org_id)
    WHERE g.state IN ('active', 'suspended') AND j.path && ${[...reach]}::uuid[]
    GROUP BY s.source_org_id, g.holder_org_id`.execute(db);
  return rows.rows.map((r) => ({
    sourceOrgId: r.source_org_id,
    operatorOrgId: r.operator_org_id,
    grantIds: r.grant_ids,
    suspended: Number(r.suspended),
  }));
}

/** A Grant's number, purpose and state for another context's page (an incident names the Grants it stopped). */
export async function grantLabels(db: Executor, ids: readonly string[]) {
  const out = [];
  for (const id of new Set(ids)) {
    const g = await store.getGrant(db, id);
    if (g) out.push({ id: g.id, grantNo: g.grant_no, purpose: g.purpose?.scenario?.title ?? '', state: g.state });
  }
  return out;
}
