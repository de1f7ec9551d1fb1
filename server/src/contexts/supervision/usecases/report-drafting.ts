import { addDays, shanghaiDate } from '../../../kernel/calendar/calendar.js';
import { logIdFor } from '../../../kernel/ledger/append.js';
import { integrate } from '../../../kernel/ledger/sequencer.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { systemActor, type Actor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { listUsableGrantsForOrg } from '../../authorization/service.js';
import { reportLifecycle } from '../lifecycle.js';
import type { Figure, ReportKind } from '../model.js';
import * as store from '../store.js';
import { countEvents, logSize, type FigureScope } from '../store-drafting.js';
import { draftOf, getReport, reportSubject } from './reports.js';
import { today } from './common.js';

/**
 * REP-02: a report drafted from platform data. The main ledger log is brought up to date, its size is the
 * checkpoint, and every figure is a named query counted below it (store-drafting.ts), so anyone holding the
 * checkpoint recomputes the same number. Grants are read through authorization's port as of the period's end.
 */

const FIGURES: Record<ReportKind, { key: string; queryId: string }[]> = {
  operator_security_semiannual: [
    { key: 'grants', queryId: 'authorization.grants_usable' },
    { key: 'jobs', queryId: 'event.jobs_submitted' },
    { key: 'egress_approved', queryId: 'event.egress_approved' },
    { key: 'egress_denied', queryId: 'event.egress_denied' },
    { key: 'incidents', queryId: 'event.incidents_reported' },
    { key: 'drills', queryId: 'event.drills_recorded' },
  ],
  operator_operating_periodic: [
    { key: 'grants', queryId: 'authorization.grants_usable' },
    { key: 'jobs', queryId: 'event.jobs_submitted' },
    { key: 'products', queryId: 'event.products_created' },
    { key: 'workspaces', queryId: 'event.workspaces_opened' },
  ],
  lab_usage_quarterly: [
    { key: 'workspaces', queryId: 'event.workspaces_opened' },
    { key: 'jobs', queryId: 'event.jobs_submitted' },
    { key: 'incidents', queryId: 'event.incidents_reported' },
  ],
  operator_audit_materials: [
    { key: 'jobs', queryId: 'event.jobs_submitted' },
    { key: 'egress_approved', queryId: 'event.egress_approved' },
    { key: 'egress_denied', queryId: 'event.egress_denied' },
  ],
};

export const MAIN_LOG = 'main';
/** The one figure read through a port as of the period's end (authorization owns Grants). */
const GRANTS = 'authorization.grants_usable';

/** The [from, to) instants of a period of civil days in Asia/Shanghai. */
export const periodInstants = (from: string, to: string) => ({
  from: new Date(`${from}T00:00:00+08:00`),
  to: new Date(`${addDays(to, 1)}T00:00:00+08:00`),
});

/** Every figure of a report kind for one org and period, at a checkpoint size of the main log. */
export async function computeFigures(
  k: Kernel,
  kind: ReportKind,
  orgId: string,
  period: { from: string; to: string },
  checkpointSize: number,
): Promise<Figure[]> {
  const scope: FigureScope = {
    orgId,
    ...periodInstants(period.from, period.to),
    logId: logIdFor(k.ledger, MAIN_LOG),
    checkpointSize,
  };
  const eventIds = FIGURES[kind].map((f) => f.queryId).filter((q) => q !== GRANTS);
  const counts = await countEvents(k.db, eventIds, scope);
  const grants = FIGURES[kind].some((f) => f.queryId === GRANTS)
    ? (await listUsableGrantsForOrg(k.db, orgId, period.to)).length
    : 0;
  return FIGURES[kind].map((f) => ({
    ...f,
    value: f.queryId === GRANTS ? grants : counts[f.queryId]!,
    checkpointSize,
  }));
}

/** REP-02: scheduled → drafted with computed figures, the day after the period ends (REP_02 refuses earlier). */
export async function autoDraftReport(k: Kernel, actor: Actor, id: string, narrative = '') {
  const r = await getReport(k, actor, id);
  await integrate(k, MAIN_LOG); // every event written before now gets its seq, so the checkpoint covers it
  const size = await logSize(k.db, logIdFor(k.ledger, MAIN_LOG));
  const figures = await computeFigures(
    k,
    r.kind as ReportKind,
    r.subject_org_id,
    { from: r.period_from, to: r.period_to },
    size,
  );
  return k.db.transaction().execute(async (trx) => {
    const row = (await store.getReport(trx, id, true))!;
    await transition(trx, k.workflow, {
      lifecycle: reportLifecycle,
      action: 'draft',
      actor,
      object: row,
      subject: reportSubject(row),
      facts: { periodTo: row.period_to, today: today(k) },
      values: {
        draft: JSON.stringify({ figures, narrative }),
        drafted_at: k.clock.now(),
        checkpoint: JSON.stringify({ log: MAIN_LOG, treeSize: size, rootHash: null }),
      },
    });
    return (await store.getReport(trx, id))!;
  });
}

/** Anyone who may read the report recomputes every figure at its own checkpoint size (REP-02). */
export async function recomputeReport(k: Kernel, actor: Actor, id: string) {
  const r = await getReport(k, actor, id);
  const draft = draftOf(r);
  const figures = [];
  for (const f of draft?.figures ?? []) {
    const again = (
      await computeFigures(
        k,
        r.kind as ReportKind,
        r.subject_org_id,
        { from: r.period_from, to: r.period_to },
        f.checkpointSize,
      )
    ).find((x) => x.key === f.key && x.queryId === f.queryId);
    // A figure entered by hand or under a query this platform does not define cannot be recomputed: null.
    const recomputed = again ? again.value : null;
    figures.push({ ...f, drafted: f.value, recomputed, matches: recomputed === f.value });
  }
  return { reportId: r.id, figures };
}

/** The drafting clock: every scheduled report whose period ended before today is drafted as `system`. */
export async function runDraftingClock(k: Kernel) {
  const actor = systemActor('supervision.drafting');
  let drafted = 0;
  for (const r of await store.listReportsToDraft(k.db, shanghaiDate(k.clock.now()))) {
    await autoDraftReport(k, actor, r.id);
    drafted++;
  }
  return { drafted };
}
