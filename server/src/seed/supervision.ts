import type { Tx } from '../kernel/db/tables.js';
import type { Kernel } from '../kernel/kernel.js';
import { systemActor } from '../kernel/workflow/actor.js';
import { importObject } from '../kernel/workflow/transition.js';
import {
  creditRecordLifecycle,
  evaluationLifecycle,
  incidentLifecycle,
  rectificationLifecycle,
  reportLifecycle,
} from '../contexts/supervision/lifecycle.js';
import { notificationMatrix, reportDueAt, resultOf, weightedTotal } from '../contexts/supervision/rules.js';
import type { ReportKind } from '../contexts/supervision/model.js';
import { activatePlansForIncident, suspendGrantsForIncident } from '../contexts/authorization/service.js';
import { DEMO_AGREEMENT_ID, DEMO_INCIDENT_GRANT_ID } from './authorization.js';
import { demoId } from './ids.js';
import { seedOversight } from './supervision-oversight.js';
import { jid, oid } from './identity.js';

/**
 * Supervision demo (issue 16): a submitted and an overdue report, a closed and an open incident, one scored
 * quarterly evaluation of the Zhuhai operator; an interview of the collaborator and a published credit record,
 * supervised by the Zhuhai authority. The open incident stops processing on the dedicated demo Grant GR-2026-0003
 * (seed/authorization.ts); the other demo Grants are shared by the sandbox and market demos and tests.
 */
const ZH = jid('440400');
const ZH_PATH = JSON.stringify(['000000', '440000', '440400'].map(jid));
const actor = systemActor('demo-seed');

export async function seedSupervision(trx: Tx, k: Kernel): Promise<void> {
  await seedReports(trx, k);
  await seedIncidents(trx, k);
  await seedEvaluation(trx, k);
  await seedRectification(trx, k);
  await seedCredit(trx, k);
  await seedOversight(trx, k); // part B: a scored Q3 evaluation sheet, a complaint case
}

/** A rectification in progress: an interview (约谈) of the collaborator, so no shared demo Grant is suspended. */
async function seedRectification(trx: Tx, k: Kernel) {
  await importObject(
    trx,
    k.workflow,
    rectificationLifecycle,
    'ordered',
    {
      id: demoId('rectification:zh-collab'),
      subject_org_id: oid('zh-collab'),
      measure: 'interview',
      basis: JSON.stringify({ kind: 'overdue_report' }),
      items: JSON.stringify([
        { finding: '季度报告逾期未报', requiredAction: '说明原因并补报', evidenceFileIds: [], rejectionReason: null },
      ]),
      deadline: '2026-12-31',
      orderer_org_id: oid('zh-authority'),
      jurisdiction_id: ZH,
      jurisdiction_path: ZH_PATH,
    },
    actor,
    ZH,
  );
}

/** A published bad-faith record on the public credit page (CRD-02). */
async function seedCredit(trx: Tx, k: Kernel) {
  await importObject(
    trx,
    k.workflow,
    creditRecordLifecycle,
    'published',
    {
      id: demoId('credit:zh-collab'),
      subject_uscc: '91440400MA5E223348',
      subject_org_id: oid('zh-collab'),
      kind: 'bad_faith',
      area: 'management',
      facts: '未按期报送季度使用报告，经约谈仍未补报（演示）',
      basis_decision_id: '珠数据〔2026〕7号',
      public_from: '2026-03-01',
      public_until: '2029-02-28',
      joint_punishment: false,
      jurisdiction_id: ZH,
      jurisdiction_path: ZH_PATH,
    },
    actor,
    ZH,
  );
}

async function seedReports(trx: Tx, k: Kernel) {
  // obligation_ref: the demo agreement's AUTH-27 obligation, so the obligation clock does not schedule them again.
  const report = (key: string, kind: ReportKind, from: string, to: string, obligation: string) => {
    const { dueAt, provisional } = reportDueAt(kind, to, k.calendar, k.profile);
    return {
      id: demoId(`report:${key}`),
      obligation_ref: `${DEMO_AGREEMENT_ID}:${obligation}`,
      kind,
      subject_org_id: oid('zh-operator'),
      to_org_ids: JSON.stringify([oid('zh-authority')]),
      jurisdiction_id: ZH,
      jurisdiction_path: ZH_PATH,
      period_from: from,
      period_to: to,
      due_at: dueAt,
      provisional,
    };
  };
  const figures = [
    { key: 'grants', value: 3, queryId: 'authorization.grants_in_force', checkpointSize: 0 },
    { key: 'jobs', value: 412, queryId: 'sandbox.jobs_in_period', checkpointSize: 0 },
    { key: 'incidents', value: 0, queryId: 'supervision.incidents_in_period', checkpointSize: 0 },
  ];
  const submitted = report(
    'h1-security',
    'operator_security_semiannual',
    '2026-01-01',
    '2026-06-30',
    'security_report',
  );
  await importObject(
    trx,
    k.workflow,
    reportLifecycle,
    'submitted',
    {
      ...submitted,
      draft: JSON.stringify({ figures, narrative: '2026 年上半年数据安全情况报告（演示）' }),
      seal_ref: 'eseal:zh-operator',
      submitted_at: new Date('2026-07-15T02:00:00Z'),
    },
    actor,
    ZH,
  );
  const overdue = report('q3-operating', 'operator_operating_periodic', '2026-07-01', '2026-09-30', 'operating_report');
  await importObject(trx, k.workflow, reportLifecycle, 'overdue', overdue, actor, ZH);
}

async function seedIncidents(trx: Tx, k: Kernel) {
  const incident = (
    key: string,
    no: string,
    discovered: string,
    severity: 'general' | 'relatively_major',
    grantIds: string[],
  ) => {
    const discoveredAt = new Date(discovered);
    const notifications = notificationMatrix(
      { reporterActor: 'collaborator', severity, cii: false, centralOrgan: false, personalData: false, discoveredAt },
      k.profile,
    );
    return {
      id: demoId(`incident:${key}`),
      incident_no: no,
      type: 'leak',
      severity,
      cii: false,
      discovered_at: discoveredAt,
      reported_at: new Date(discoveredAt.getTime() + 20 * 60_000),
      // The collaborator filed on the operator's Grant reports (ENF-08 would otherwise make the demo operator
      // ineligible for a new operator role, which identity's own tests grant).
      reporter_org_id: oid('zh-collab'),
      jurisdiction_id: ZH,
      jurisdiction_path: ZH_PATH,
      affected: JSON.stringify({ grantIds, dataResourceIds: [], labIds: [], productIds: [], personalData: false }),
      notifications,
    };
  };
  const closed = incident('closed', 'INC-2026-0001', '2026-03-10T01:00:00Z', 'general', []);
  await importObject(
    trx,
    k.workflow,
    incidentLifecycle,
    'closed',
    {
      ...closed,
      description: '导出文件误含内部字段，已撤回（演示）',
      notifications: JSON.stringify(closed.notifications.map((n) => ({ ...n, sentAt: n.dueAt, channel: 'in_app' }))),
      root_cause: '导出模板配置错误',
    },
    actor,
    ZH,
  );
  const grantIds = [DEMO_INCIDENT_GRANT_ID];
  const open = incident('open', 'INC-2026-0002', '2026-10-02T01:00:00Z', 'relatively_major', grantIds);
  await importObject(
    trx,
    k.workflow,
    incidentLifecycle,
    'reported',
    {
      ...open,
      description: '企业经营主体画像输出中含未脱敏的法定代表人姓名（演示）',
      processing_stopped_at: open.reported_at,
      notifications: JSON.stringify(open.notifications),
    },
    actor,
    ZH,
  );
  // INC-02, as openIncident does in its transaction: the Grant is suspended (its followers freeze its Workspaces and
  // hold their egress) and its filed EmergencyPlan is activated, in this seeder's transaction.
  const cause = { incidentId: open.id, incidentNo: open.incident_no };
  await suspendGrantsForIncident(trx, k, grantIds, cause);
  await activatePlansForIncident(trx, k, grantIds, cause);
}

async function seedEvaluation(trx: Tx, k: Kernel) {
  const scores = { compliance: 92, security: 85, effectiveness: 80, innovation: 70 };
  const total = weightedTotal(scores, k.profile);
  await importObject(
    trx,
    k.workflow,
    evaluationLifecycle,
    'final',
    {
      id: demoId('evaluation:q2-2026'),
      subject_kind: 'operator_quarterly',
      subject_org_id: oid('zh-operator'),
      agreement_id: null,
      period_from: '2026-04-01',
      period_to: '2026-06-30',
      indicator_set_version: `${k.profile.id}:weights-v1`,
      evaluator_org_id: oid('zh-authority'),
      jurisdiction_id: ZH,
      jurisdiction_path: ZH_PATH,
      dimension_scores: JSON.stringify(scores),
      total,
      result: resultOf(total, k.profile),
      actions: JSON.stringify(['accept']),
      concluded_at: new Date('2026-07-20T02:00:00Z'),
    },
    actor,
    ZH,
  );
}
