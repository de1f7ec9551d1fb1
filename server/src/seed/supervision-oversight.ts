import type { Tx } from '../kernel/db/tables.js';
import type { Kernel } from '../kernel/kernel.js';
import { systemActor } from '../kernel/workflow/actor.js';
import { importObject } from '../kernel/workflow/transition.js';
import { complaintLifecycle, evaluationLifecycle } from '../contexts/supervision/lifecycle.js';
import { IndicatorSets, type Score } from '../contexts/supervision/model-evaluation.js';
import { indicatorSetFor, scoreSheet } from '../contexts/supervision/rules-evaluation.js';
import { demoId } from './ids.js';
import { jid, oid } from './identity.js';

/**
 * Supervision demo, part B (decision 0079): the Q3 2026 quarterly evaluation of the Zhuhai operator scored by the
 * third-party evaluator against indicator set 2026.1 (automatic indicators with their query), awaiting the
 * authority's decision; and one complaint (投诉举报) filed through the public channel, in the authority's queue.
 */
const ZH = jid('440400');
const ZH_PATH = JSON.stringify(['000000', '440000', '440400'].map(jid));
const actor = systemActor('demo-seed');

export async function seedOversight(trx: Tx, k: Kernel): Promise<void> {
  await seedScoredEvaluation(trx, k);
  await seedComplaint(trx, k);
}

async function seedScoredEvaluation(trx: Tx, k: Kernel) {
  const set = indicatorSetFor(
    IndicatorSets.parse(k.profile.get('evaluation.indicatorSets')).operator_quarterly ?? [],
    '2026-07-01',
  );
  if (!set) return;
  const manual: Record<string, number> = {
    mgmt_rules: 88,
    compliant_use: 92,
    security_measures: 85,
    staff_mgmt: 80,
    service_results: 78,
    innovation: 70,
  };
  const scores: Score[] = set.indicators.map((i) =>
    i.method === 'auto'
      ? {
          indicatorCode: i.code,
          score: 100,
          evidenceRefs: [],
          auto: true,
          metric: { queryId: i.metricQuery!, value: 0, checkpointSize: 0 },
        }
      : {
          indicatorCode: i.code,
          score: manual[i.code] ?? 80,
          evidenceRefs: [`demo:${i.code}`],
          auto: false,
          metric: null,
        },
  );
  const sheet = scoreSheet('operator_quarterly', set, scores, k.profile);
  await importObject(
    trx,
    k.workflow,
    evaluationLifecycle,
    'proposed',
    {
      id: demoId('evaluation:q3-2026-sheet'),
      subject_kind: 'operator_quarterly',
      subject_org_id: oid('zh-operator'),
      agreement_id: null,
      period_from: '2026-07-01',
      period_to: '2026-09-30',
      indicator_set_version: `${k.profile.id}:operator_quarterly:${set.version}`,
      evaluator_org_id: oid('evaluator'),
      jurisdiction_id: ZH,
      jurisdiction_path: ZH_PATH,
      dimension_scores: JSON.stringify(sheet.dimensionScores),
      total: sheet.total,
      result: sheet.result,
      hard_fail_reasons: JSON.stringify(sheet.hardFailReasons),
      scores: JSON.stringify(scores),
      actions: JSON.stringify(['accept']),
    },
    actor,
    ZH,
  );
}

async function seedComplaint(trx: Tx, k: Kernel) {
  await importObject(
    trx,
    k.workflow,
    complaintLifecycle,
    'filed',
    {
      id: demoId('complaint:demo-1'),
      case_no: 'TS-2026-000001',
      kind: 'report',
      about: '某信息咨询公司',
      content: '该公司在网站上出售疑似来自公共数据的企业联系人名单，请核查。',
      contact: null,
      anonymous: true,
      source_digest: 'demo',
      jurisdiction_id: ZH,
      jurisdiction_path: ZH_PATH,
      created_at: k.clock.now(),
    },
    actor,
    ZH,
  );
}
