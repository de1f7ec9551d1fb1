import { describe, expect, it } from 'vitest';
import { V } from './corpus.js';
import { checkStatement, type GuardScope } from './index.js';

const SCOPE: GuardScope = {
  objects: new Map([
    [V.toLowerCase(), ['统一社会信用代码', '企业名称', '注册资本', '成立日期', '所属区']],
    ['r_job1', ['所属区', 'n']],
  ]),
  ungrantedFields: new Map([['法定代表人', '法定代表人']]),
  allowList: 'v1',
};

// 注册资本 is an important field granted `aggregate_only` (AUTH-15): it may appear only inside COUNT/SUM/AVG.
const ONLY: GuardScope = { ...SCOPE, aggregateOnly: new Map([['注册资本', '注册资本']]) };

describe('SBX-08 AGGREGATE_ONLY_FIELD', () => {
  const REFUSED = [
    ['projects it', `SELECT 企业名称, 注册资本 FROM ${V}`],
    ['groups on it', `SELECT 注册资本, count(*) FROM ${V} GROUP BY 注册资本`],
    ['filters on it', `SELECT 所属区, count(*) FROM ${V} WHERE 注册资本 > 1000000 GROUP BY 所属区`],
    [
      'filters on it in HAVING outside an aggregate',
      `SELECT 所属区 FROM ${V} GROUP BY 所属区, 注册资本 HAVING 注册资本 > 1`,
    ],
    ['orders by it', `SELECT 企业名称 FROM ${V} ORDER BY 注册资本 DESC LIMIT 1`],
    ['takes MIN of it', `SELECT min(注册资本) FROM ${V}`],
    ['wraps it in an expression inside SUM', `SELECT sum(注册资本 * 2) FROM ${V}`],
    ['hides a filter in an aggregate FILTER', `SELECT count(*) FILTER (WHERE 注册资本 > 5) FROM ${V}`],
    ['reaches it through SELECT *', `SELECT * FROM ${V}`],
    ['projects it from a subquery', `SELECT x FROM (SELECT 注册资本 AS x FROM ${V}) t`],
    ['qualifies it with the view alias', `SELECT v.注册资本 FROM ${V} v`],
  ];
  for (const [what, sql] of REFUSED) {
    it(`refuses a query that ${what}, naming the field`, async () => {
      const r = await checkStatement(sql!, ONLY, 65536);
      expect(r.ok).toBe(false);
      expect(r.refusal).toMatchObject({
        ruleId: 'SBX-08',
        code: 'AGGREGATE_ONLY_FIELD',
        params: { field: '注册资本' },
      });
    });
  }

  const ACCEPTED = [
    `SELECT 所属区, sum(注册资本) AS 总额, avg(注册资本) AS 均值, count(*) AS n FROM ${V} GROUP BY 所属区`,
    `SELECT count(DISTINCT 注册资本) FROM ${V}`,
    `SELECT 所属区 FROM ${V} GROUP BY 所属区 HAVING sum(注册资本) > 1000000`,
    `SELECT * FROM r_job1`,
  ];
  for (const sql of ACCEPTED) {
    it(`accepts ${JSON.stringify(sql.slice(0, 60))}`, async () => {
      const r = await checkStatement(sql, ONLY, 65536);
      expect(r.refusal).toBeUndefined();
    });
  }

  it('the same projection passes when the field is granted with rows (the refusal comes from the grant, not the name)', async () => {
    expect((await checkStatement(`SELECT 企业名称, 注册资本 FROM ${V}`, SCOPE, 65536)).ok).toBe(true);
  });
});
