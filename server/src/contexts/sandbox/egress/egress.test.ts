import { beforeAll, describe, expect, it } from 'vitest';
import { checkStatement } from '../guard/index.js';
import type { MountedView } from '../engine/instance.js';
import { maskedFixture } from '../test/factories.js';
import { usccFor } from '../test/factories.js';
import { runEgressChecks, symmetricDifference, type CheckInput, type FieldFacts } from './checks.js';
import { discreteLaplace, toMicro } from './dp.js';
import { prepareAggregate } from './prepare.js';
import { analyzeAggregate } from './shape.js';
import { messageFor } from '../../../kernel/http/messages.js';
import '../messages.js';

const LIMITS = { memoryMiB: 512, threads: 1, timeoutSec: 30, storedRows: 100_000, previewRows: 50 };
const ALLOWED = ['count', 'count_star', 'count_distinct', 'sum', 'avg'];
const FIELDS = new Map<string, FieldFacts>([
  ['统一社会信用代码', { personalInfo: false, directIdentifier: false, method: 'none' }],
  ['企业名称', { personalInfo: false, directIdentifier: false, method: 'none' }],
  ['法定代表人身份证号', { personalInfo: true, directIdentifier: true, method: 'hmac_pseudonym' }],
  ['注册资本', { personalInfo: false, directIdentifier: false, method: 'round' }],
  ['成立日期', { personalInfo: false, directIdentifier: false, method: 'generalize' }],
  ['所属区', { personalInfo: false, directIdentifier: false, method: 'none' }],
]);
const POLICY = {
  allowedOutputKinds: ['aggregate_table', 'chart'],
  minGroupSize: 10,
  smallCellSuppression: true,
  dp: null,
};
let view: MountedView;
beforeAll(async () => {
  view = (await maskedFixture(2000)).view;
}, 60_000);

async function check(sql: string, over: Partial<CheckInput> = {}) {
  const g = await checkStatement(
    sql,
    { objects: new Map([['企业登记信息', view.columns]]), ungrantedFields: new Map(), allowList: 'v1' },
    65536,
  );
  expect(g.ok).toBe(true);
  const a = analyzeAggregate(g.ast, ALLOWED);
  if (a.refusal) return { refusal: a.refusal };
  const p = await prepareAggregate(g.ast!, a.shape!, view, LIMITS);
  const input: CheckInput = {
    outputKind: 'aggregate_table',
    policy: POLICY,
    shape: a.shape!,
    fields: FIELDS,
    rows: p.rows,
    subjectCounts: p.subjectCounts,
    sketches: p.sketches,
    previous: new Map(),
    differencingGuard: true,
    k: 10,
    dpBudget: { totalMicro: toMicro(10), spentMicro: 0, perReleaseMicro: toMicro(1), delta: 1e-6 },
    ...over,
  };
  return { input, out: runEgressChecks(input), prepared: p };
}

describe('EGR-04 rows below k subjects are suppressed and never leave', () => {
  it('removes the district with 4 enterprises and reports it', async () => {
    const { out } = await check('SELECT 所属区, count(*) AS 企业数 FROM 企业登记信息 GROUP BY 所属区 ORDER BY 所属区');
    expect(out!.failures).toEqual([]);
    expect(out!.rows.map((r) => r[0])).not.toContain('横琴粤澳深度合作区');
    expect(out!.rows).toHaveLength(3);
    expect(out!.suppressedRows).toBe(1);
    expect(out!.autoChecks.find((c) => c.check === 'EGR-04')).toMatchObject({
      result: 'modified',
      detail: { suppressedRows: 1 },
    });
  });
  it('passes when every row reaches k', async () => {
    const { out } = await check(
      "SELECT 所属区, count(*) AS n FROM 企业登记信息 WHERE 所属区 <> '横琴粤澳深度合作区' GROUP BY 所属区",
    );
    expect(out!.autoChecks.find((c) => c.check === 'EGR-04')!.result).toBe('pass');
  });
});

describe('EGR-05 small count cells', () => {
  it('suppresses a COUNT cell below k in a row that itself reaches k', async () => {
    const { input } = await check('SELECT 所属区, count(*) AS n FROM 企业登记信息 GROUP BY 所属区');
    const out = runEgressChecks({
      ...input!,
      rows: input!.rows.map((r) => [r[0], 3]),
      subjectCounts: input!.subjectCounts.map(() => 100),
    });
    expect(out.rows.every((r) => r[1] === null)).toBe(true);
    expect(out.autoChecks.find((c) => c.check === 'EGR-05')!.result).toBe('modified');
  });
});

describe('EGR-01/02/03 blocking checks fail before review', () => {
  it('a pseudonymized identifier column fails with DIRECT_IDENTIFIER_IN_OUTPUT', async () => {
    const { out } = await check(
      'SELECT 法定代表人身份证号, count(*) AS n FROM 企业登记信息 GROUP BY 法定代表人身份证号',
    );
    expect(out!.failures.map((f) => f.code)).toContain('DIRECT_IDENTIFIER_IN_OUTPUT');
    expect(out!.rows).toEqual([]);
  });
  it('a USCC in a dimension cell is caught by the checksum scanner', async () => {
    const { out } = await check('SELECT 统一社会信用代码, count(*) AS n FROM 企业登记信息 GROUP BY 统一社会信用代码');
    expect(out!.failures[0]).toMatchObject({
      ruleId: 'EGR-02',
      code: 'DIRECT_IDENTIFIER_IN_OUTPUT',
      params: { kind: 'uscc' },
    });
  });
  it('an output kind outside the Grant fails with EGRESS_KIND_NOT_ALLOWED', async () => {
    const { out } = await check('SELECT 所属区, count(*) AS n FROM 企业登记信息 GROUP BY 所属区', {
      outputKind: 'record_list',
    });
    expect(out!.failures[0]!.code).toBe('EGRESS_KIND_NOT_ALLOWED');
  });
  it('an expression inside an aggregate fails with AGGREGATE_SHAPE_NOT_ALLOWED', async () => {
    const r = await check('SELECT 所属区, sum(注册资本 * 2) AS s FROM 企业登记信息 GROUP BY 所属区');
    expect(r.refusal?.code).toBe('AGGREGATE_SHAPE_NOT_ALLOWED');
  });
  it("EGR-03 SELECT * is refused in the reader's words, never the parser's node names (issue 14)", async () => {
    const r = await check('SELECT * FROM 企业登记信息');
    expect(r.refusal?.code).toBe('AGGREGATE_SHAPE_NOT_ALLOWED');
    const m = messageFor(r.refusal!.code, r.refusal!.params);
    expect(m.zh).toContain('SELECT *');
    expect(m.zh).not.toMatch(/STAR|expression|[{}]/);
    expect(m.en).toContain('expression STAR');
  });
});

describe('EGR-06 differencing guard', () => {
  it('removes a row whose subject set differs from a released one by one subject, keeps identical rows', async () => {
    const first = await check('SELECT 所属区, count(*) AS 企业数 FROM 企业登记信息 GROUP BY 所属区');
    const previous = new Map(first.out!.rowKeys.map((k, i) => [k, [first.out!.keptSketches[i]!]]));
    const second = await check(
      `SELECT 所属区, count(*) AS 企业数 FROM 企业登记信息 WHERE 统一社会信用代码 <> '${usccFor(3)}' GROUP BY 所属区`,
      { previous },
    );
    const removed = second.out!.autoChecks.find((c) => c.check === 'EGR-06')!;
    expect(removed).toMatchObject({ result: 'modified', detail: { removedRows: 1, reason: 'differencing' } });
    expect(second.out!.rows).toHaveLength(2);
    expect(second.out!.rows.map((r) => r[0])).not.toContain('香洲区'); // usccFor(3) is in district 3 % 3 = 0
  });
  it('symmetric difference counts both sides', () => {
    expect(symmetricDifference(new BigUint64Array([1n, 2n, 3n]), new BigUint64Array([2n, 3n, 4n]), 100)).toBe(2);
  });
});

describe('EGR-07 differential privacy budget', () => {
  const dp = { mechanism: 'laplace' as const, epsilonBudget: 10 };
  it('charges ε per noised column and refuses with DP_BUDGET_EXHAUSTED once it runs out, charging nothing', async () => {
    const base = await check(
      'SELECT 所属区, count(*) AS n, count(DISTINCT 企业名称) AS m FROM 企业登记信息 GROUP BY 所属区',
      { policy: { ...POLICY, dp } },
    );
    let spent = 0;
    for (let i = 0; i < 5; i++) {
      const out = runEgressChecks({ ...base.input!, dpBudget: { ...base.input!.dpBudget, spentMicro: spent } });
      expect(out.failures).toEqual([]);
      expect(out.epsilonChargedMicro).toBe(toMicro(2));
      spent += out.epsilonChargedMicro;
    }
    const refused = runEgressChecks({ ...base.input!, dpBudget: { ...base.input!.dpBudget, spentMicro: spent } });
    expect(refused.failures[0]).toMatchObject({ code: 'DP_BUDGET_EXHAUSTED', params: { remaining: 0, needed: 2 } });
    expect(refused.epsilonChargedMicro).toBe(0);
    const scenario9 = runEgressChecks({
      ...base.input!,
      dpBudget: { ...base.input!.dpBudget, spentMicro: toMicro(9.5) },
    });
    expect(scenario9.failures[0]!.code).toBe('DP_BUDGET_EXHAUSTED');
  });
  it('noise is integer-valued and centred', () => {
    const xs = Array.from({ length: 20000 }, () => discreteLaplace(1));
    expect(xs.every(Number.isInteger)).toBe(true);
    expect(Math.abs(xs.reduce((a, b) => a + b, 0) / xs.length)).toBeLessThan(0.1);
  });
});
