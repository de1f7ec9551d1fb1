import type { Kernel } from '../kernel/kernel.js';
import { systemActor } from '../kernel/workflow/actor.js';
import { importObject } from '../kernel/workflow/transition.js';
import { changeRequestLifecycle, dataRequestLifecycle, objectionLifecycle } from '../contexts/catalog/lifecycle.js';
import { openTask } from '../contexts/catalog/usecases/tasks.js';
import { demoId } from './ids.js';
import { jid, oid, uid } from './identity.js';
import { resourceId } from './catalog.js';
import { type Tx } from '../kernel/db/tables.js';

const J = jid('440400');
const fieldId = (key: string, code: string) => demoId(`catalog-field:${key}:${code}`);

/**
 * Work in progress for the catalog desks after `npm start` (issue 12): a consent inbox item
 * (a `modify` ChangeRequest, scenario 1), a share request on its reply clock and an open request
 * waiting for its pledge (OPN-04), a rights objection in verification (OPN-05, OBJ-02), and the
 * task list's rectification (CAT-06) and class review (SHR-05).
 */
export async function seedCatalogWork(trx: Tx, k: Kernel) {
  const actor = systemActor('seed-demo');
  const now = k.clock.now();
  await importObject(
    trx,
    k.workflow,
    changeRequestLifecycle,
    'pending_consent',
    {
      id: demoId('catalog-change:road-transport-phone'),
      type: 'modify',
      target_resource_id: resourceId('road-transport-license'),
      catalog_type: 'authorized_operation',
      diff: JSON.stringify([
        { op: 'add', path: '/fields/-', value: { code: 'lxdh', nameZh: '业户联系电话', valueType: 'string' } },
      ]),
      reason: '补充业户联系方式，便于授权运营场景核验',
      requested_by: uid('authority.admin'),
      requested_by_org_id: oid('zh-authority'),
    },
    actor,
    J,
  );
  await importObject(
    trx,
    k.workflow,
    dataRequestLifecycle,
    'under_review',
    {
      id: demoId('catalog-request:vaccination-share'),
      kind: 'share',
      requester_org_id: oid('zh-transport'),
      resource_id: resourceId('vaccination'),
      field_ids: [fieldId('vaccination', 'ssq'), fieldId('vaccination', 'jzrq')],
      approver_model: k.profile.get<string>('share.approverModel'),
      body: JSON.stringify({
        scenario: '交通场站防疫人员统计',
        purpose: '按区统计接种人数',
        commitmentAccepted: true,
        accessMode: 'request_response',
      }),
      clocks: JSON.stringify({
        replyDue: k.calendar.dueAt(now, k.profile.get<number>('share.replyDays')).toISOString(),
      }),
    },
    actor,
    J,
  );
  await importObject(
    trx,
    k.workflow,
    dataRequestLifecycle,
    'approved',
    {
      id: demoId('catalog-request:food-license-open'),
      kind: 'open',
      requester_org_id: oid('buyer'),
      resource_id: resourceId('food-license'),
      field_ids: [fieldId('food-license', 'xkzbh'), fieldId('food-license', 'jyzmc')],
      approver_model: 'provider',
      body: JSON.stringify({
        scenario: '食品安全地图',
        purpose: '餐饮门店许可公示查询',
        commitmentAccepted: true,
        accessMode: 'request_response',
      }),
      decision: JSON.stringify({
        result: 'approved',
        reasons: '符合有条件开放条件，待签署承诺书（OPN-04）',
        decidedBy: uid('source.admin'),
        decidedAt: now.toISOString(),
      }),
    },
    actor,
    J,
  );
  await importObject(
    trx,
    k.workflow,
    objectionLifecycle,
    'verifying',
    {
      id: demoId('catalog-objection:blood-donation'),
      kind: 'rights_infringement',
      filer: JSON.stringify({ name: '李某', mobile: '13700009999' }),
      resource_id: resourceId('blood-donation'),
      field_ids: [fieldId('blood-donation', 'lxdh')],
      description: '咨询电话为本人私人手机号，请停止公开',
      requested_action: 'suspend',
      assigned_unit_id: oid('zh-health'),
      due_at: k.calendar.dueAt(now, k.profile.get<number>('objection.answerDays')),
    },
    actor,
    J,
  );
  const base = { jurisdictionId: J, assigneeOrgId: oid('zh-transport'), subjectType: 'DataResource' };
  await openTask(trx, k, {
    ...base,
    kind: 'rectification',
    ruleId: 'CAT-06',
    resourceId: resourceId('vehicle-repair'),
    subjectId: resourceId('vehicle-repair'),
    dedupeKey: 'demo:rectification:vehicle-repair',
    details: { cause: 'QUALITY_DEFECT', dimensions: 'timeliness', minScore: k.profile.get<number>('quality.minScore') },
    dueAt: k.calendar.dueAt(now, k.profile.get<number>('quality.rectificationDays')),
  });
  await openTask(trx, k, {
    ...base,
    kind: 'class_review',
    ruleId: 'SHR-05',
    resourceId: resourceId('taxi-trajectory'),
    subjectId: resourceId('taxi-trajectory'),
    dedupeKey: 'demo:class_review:taxi-trajectory',
    details: { shareClass: 'conditional', lastReview: '2025-01-15T02:00:00.000Z' },
    dueAt: null,
  });
}
