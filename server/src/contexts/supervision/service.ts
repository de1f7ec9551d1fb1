import type { Executor, Tx } from '../../kernel/db/tables.js';
import type { Kernel } from '../../kernel/kernel.js';
import type { Actor } from '../../kernel/workflow/actor.js';
import { provideIncidentHistory } from '../identity/service.js';
import type { OrderRectificationInput } from './model.js';
import * as store from './store.js';
import { blockingBans, recordBanIn } from './usecases/bans.js';
import { listTerminationsOf } from './store-enforcement.js';
import { orderRectification } from './usecases/rectifications.js';

// labs.md LAB-17/LAB-18: the lab's quarterly usage reports and issue reports (decision 0085).
export {
  labIncidents,
  labReports,
  openIncident,
  scheduleLabReports,
  type LabIncidentFact,
  type LabReportFact,
  type LabReportPlan,
} from './usecases/lab-port.js';

/**
 * Supervision's port: what other contexts (identity, authorization, labs) may ask of it. Nothing else in this
 * context is theirs to import; the answers are plain values, never our rows.
 */

export type BanScope = 'lab_application' | 'operator_selection' | 'collaborator_admission';

export interface ActiveBan {
  id: string;
  scope: string;
  reason: string;
  startsOn: string;
  /** The last day the Ban blocks (a validity period: never moved, CAL-03). */
  endsOn: string;
}

/**
 * ENF-07: the Ban that blocks credit code `uscc` on `today` (YYYY-MM-DD), the one running longest first; with no
 * scope, any scope. Undefined when nothing blocks.
 */
export async function activeBanFor(
  db: Executor,
  uscc: string,
  today: string,
  scope?: BanScope,
): Promise<ActiveBan | undefined> {
  const scopes: BanScope[] = scope ? [scope] : ['lab_application', 'operator_selection', 'collaborator_admission'];
  const found = (await Promise.all(scopes.map((s) => blockingBans(db, uscc, s, today)))).flat();
  const b = found.sort((x, y) => y.ends_on.localeCompare(x.ends_on))[0];
  return b && { id: b.id, scope: b.scope, reason: b.reason, startsOn: b.starts_on, endsOn: b.ends_on };
}

/**
 * LAB-24 / LAB-26 (labs.md): the authority records a lab partner's Ban in the caller's transaction, with the
 * revocation or partner-change decision that causes it. Answers the Ban as activeBanFor does.
 */
export async function recordBanInTransaction(
  trx: Tx,
  k: Kernel,
  actor: Actor,
  input: {
    subjectUscc: string;
    orgId?: string;
    scope: BanScope;
    reason: string;
    basisDecisionId: string;
    startsOn: string;
    endsOn: string;
  },
): Promise<ActiveBan> {
  const b = await recordBanIn(trx, k, actor, input);
  return { id: b.id, scope: b.scope, reason: b.reason, startsOn: b.starts_on, endsOn: b.ends_on };
}

export interface RectificationStatus {
  id: string;
  state: string;
  subjectOrgId: string;
  deadline: string;
  /** True once the orderer accepted it (labs.md: `rectifying → active`). */
  accepted: boolean;
}

const statusOf = (r: store.RectificationRow): RectificationStatus => ({
  id: r.id,
  state: r.state,
  subjectOrgId: r.subject_org_id,
  deadline: r.deadline,
  accepted: r.state === 'accepted',
});

/**
 * Opens a Rectification (supervision.md ENF-01) as `actor`: the authority (which also suspends per ENF-02), or a
 * lab_initiator for its lab (LAB-19/LAB-23; nothing is suspended here, labs freeze their own egress, LAB-34). The
 * deadline defaults to `rectification.defaultDays`; pass the labs' own (`lab.egressRectificationDays` …).
 * Later steps (evidence, acceptance) go through `/api/v1/rectifications/{id}/…`.
 */
export async function openRectification(
  k: Kernel,
  actor: Actor,
  input: OrderRectificationInput,
): Promise<RectificationStatus> {
  return statusOf(await orderRectification(k, actor, input));
}

export async function rectificationStatus(db: Executor, id: string): Promise<RectificationStatus | undefined> {
  const r = await store.getRectification(db, id);
  return r && statusOf(r);
}

export interface CreditWarning {
  id: string;
  area: string;
  facts: string;
  basisDecisionId: string | null;
  publicFrom: string | null;
  publicUntil: string | null;
}

/**
 * CRD-04: the organization's published bad-faith credit records on `today` (YYYY-MM-DD). A reviewer sees them as a
 * warning; they never block a decision by themselves (a blocking measure is a Ban, ENF-07).
 */
export async function publishedBadFaithRecords(db: Executor, orgId: string, today: string): Promise<CreditWarning[]> {
  const rows = await store.listPublishedBadFaithOfOrg(db, orgId, today);
  return rows.map((r) => ({
    id: r.id,
    area: r.area,
    facts: r.facts,
    basisDecisionId: r.basis_decision_id,
    publicFrom: r.public_from,
    publicUntil: r.public_until,
  }));
}

export interface EvaluationResult {
  id: string;
  subjectKind: string;
  period: { from: string; to: string };
  total: number;
  /** excellent | good | pass | fail (operators); pass | fail (labs). */
  result: string;
  passed: boolean;
  concludedAt: string;
}

/** The newest final Evaluation of an organization (optionally of one subject kind), or undefined. */
export async function latestEvaluationResult(
  db: Executor,
  orgId: string,
  subjectKind?: string,
): Promise<EvaluationResult | undefined> {
  const rows = await store.listFinalEvaluationsOfOrg(db, orgId);
  const r = rows.find((x) => !subjectKind || x.subject_kind === subjectKind);
  if (!r) return undefined;
  return {
    id: r.id,
    subjectKind: r.subject_kind,
    period: { from: r.period_from, to: r.period_to },
    total: Number(r.total),
    result: r.result,
    passed: r.result !== 'fail',
    concludedAt: (r.concluded_at ?? r.created_at).toISOString(),
  };
}

export interface IncidentFact {
  id: string;
  incidentNo: string;
  type: string;
  severity: string;
  discoveredAt: string;
}

/**
 * ENF-08 (AUTH-03, IAM-07): the organization's Incidents discovered on or after `since`, as operator selection
 * reads them instead of a counter on the organization. Every type counts: the source speaks of "network or
 * data-security incidents" and each Incident type of supervision.md is one.
 */
export async function incidentsOfOrgSince(db: Executor, orgId: string, since: Date): Promise<IncidentFact[]> {
  const rows = await store.listIncidentsOfOrgSince(db, orgId, since);
  return rows.map((r) => ({
    id: r.id,
    incidentNo: r.incident_no,
    type: r.type,
    severity: r.severity,
    discoveredAt: r.discovered_at.toISOString(),
  }));
}

/** INC-07: the overdue-drill findings that count in an organization's quarterly assessment (e.g. `2027-Q1`). */
export { drillFindings } from './usecases/drills.js';

export interface TerminationFact {
  id: string;
  state: string;
  reasonCode: string;
  effectiveAt: string | null;
}

/**
 * ENF-05: the supervisory Terminations of one target (a Lab, or an OperationAgreement), newest first. Labs carries
 * out a Lab's termination itself once it is `effective`.
 */
export async function terminationsOf(
  db: Executor,
  targetType: 'Lab' | 'OperationAgreement',
  targetId: string,
): Promise<TerminationFact[]> {
  return (await listTerminationsOf(db, targetType, targetId)).map((r) => ({
    id: r.id,
    state: r.state,
    reasonCode: r.reason_code,
    effectiveAt: r.effective_at?.toISOString() ?? null,
  }));
}

// ENF-08: operator selection (identity IAM-07, authorization AUTH-03) reads the Incidents through identity's seam.
provideIncidentHistory(incidentsOfOrgSince);
