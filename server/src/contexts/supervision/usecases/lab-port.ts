import { sql } from 'kysely';
import { ownTables, type Executor } from '../../../kernel/db/tables.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { systemActor } from '../../../kernel/workflow/actor.js';
import type { SupervisionTables } from '../store.js';
import { scheduleReportPeriod } from './obligation-schedules.js';

/**
 * Labs' port into supervision (labs.md LAB-17, LAB-18; decision 0085): the lab's quarterly usage reports are
 * Reports of kind `lab_usage_quarterly` filed by the partner to the initiator (scheduled here, idempotent by
 * `obligation_ref` + `period_from`, like AUTH-27's schedules); the lab's issue reports are Incidents naming the lab
 * in `affected.labIds` (opened through supervision's own openIncident).
 */

const q = (db: Executor) => ownTables<SupervisionTables>(db);

export interface LabReportPlan {
  /** `lab:<labId>:usage` — one obligation per lab. */
  obligationRef: string;
  subjectOrgId: string;
  recipientOrgIds: string[];
  jurisdictionId: string;
  jurisdictionPath: string[];
  period: { from: string; to: string };
}

export interface LabReportFact {
  id: string;
  state: string;
  periodFrom: string;
  periodTo: string;
  dueAt: string;
  submittedAt: string | null;
  late: boolean;
}

/** Schedules each planned period not scheduled yet; returns how many were new. */
export async function scheduleLabReports(k: Kernel, planned: LabReportPlan[]): Promise<number> {
  if (!planned.length) return 0;
  const actor = systemActor('labs.duties');
  return k.db.transaction().execute(async (trx) => {
    let n = 0;
    for (const p of planned) {
      const seen = await q(trx)
        .selectFrom('supervision_report')
        .select('id')
        .where('obligation_ref', '=', p.obligationRef)
        .where('period_from', '=', p.period.from)
        .executeTakeFirst();
      if (seen) continue;
      await scheduleReportPeriod(trx, k, actor, { ...p, kind: 'lab_usage_quarterly' });
      n++;
    }
    return n;
  });
}

/** The reports of one obligation, oldest period first. */
export async function labReports(db: Executor, obligationRef: string): Promise<LabReportFact[]> {
  const rows = await q(db)
    .selectFrom('supervision_report')
    .select(['id', 'state', 'period_from', 'period_to', 'due_at', 'submitted_at', 'late'])
    .where('obligation_ref', '=', obligationRef)
    .orderBy('period_from')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    state: r.state,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    dueAt: r.due_at.toISOString(),
    submittedAt: r.submitted_at?.toISOString() ?? null,
    late: r.late,
  }));
}

export interface LabIncidentFact {
  id: string;
  incidentNo: string;
  type: string;
  severity: string;
  state: string;
  discoveredAt: string;
  reportedAt: string;
}

/** The Incidents that name the lab in `affected.labIds`, newest first. */
export async function labIncidents(db: Executor, labId: string): Promise<LabIncidentFact[]> {
  const rows = await q(db)
    .selectFrom('supervision_incident')
    .select(['id', 'incident_no', 'type', 'severity', 'state', 'discovered_at', 'reported_at'])
    .where(sql<boolean>`affected->'labIds' ? ${labId}`)
    .orderBy('discovered_at', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    incidentNo: r.incident_no,
    type: r.type,
    severity: r.severity,
    state: r.state,
    discoveredAt: r.discovered_at.toISOString(),
    reportedAt: r.reported_at.toISOString(),
  }));
}

// Re-exported so labs opens the Incident through supervision's own use case (INC-01/02: Grants stop at once).
export { openIncident } from './incidents.js';
