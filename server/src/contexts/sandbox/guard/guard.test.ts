import { describe, expect, it } from 'vitest';
import { checkStatement, type GuardScope } from './index.js';
import { HOSTILE, V } from './corpus.js';

export const SCOPE: GuardScope = {
  objects: new Map([
    [V.toLowerCase(), ['统一社会信用代码', '企业名称', '注册资本', '成立日期', '所属区']],
    ['r_job1', ['所属区', 'n']],
  ]),
  ungrantedFields: new Map([
    ['法定代表人', '法定代表人'],
    ['法定代表人身份证号', '法定代表人身份证号'],
    ['登记机关', '登记机关'],
  ]),
  allowList: 'v1',
};

describe('SBX-03/05/06/08 hostile statement corpus', () => {
  it('holds at least 60 statements', () => expect(HOSTILE.length).toBeGreaterThanOrEqual(60));
  for (const [sql, code] of HOSTILE) {
    it(`refuses ${JSON.stringify(sql.slice(0, 70))} with ${code}`, async () => {
      const r = await checkStatement(sql, SCOPE, 65536);
      expect(r.ok).toBe(false);
      expect(r.refusal?.code).toBe(code);
      expect(r.refusal?.ruleId).toMatch(/^SBX-0[3568]$/);
    });
  }
});

describe('SBX-05 granted queries pass the gate unchanged', () => {
  const GOOD = [
    `SELECT 所属区, COUNT(*) AS 企业数 FROM ${V} GROUP BY 所属区 ORDER BY 所属区`,
    `SELECT extract(year FROM 成立日期) AS y, count(DISTINCT 统一社会信用代码), sum(注册资本), avg(注册资本) FROM ${V} WHERE 注册资本 BETWEEN 1 AND 1e9 AND 企业名称 LIKE '%科技%' GROUP BY ALL HAVING count(*) > 10`,
    `WITH t AS (SELECT * FROM ${V}) SELECT a.所属区, a.注册资本 FROM t a JOIN ${V} b USING (统一社会信用代码) QUALIFY row_number() OVER (PARTITION BY a.所属区 ORDER BY a.注册资本 DESC) <= 3`,
    `SELECT CASE WHEN 注册资本 > 1000000 THEN '大' ELSE '小' END AS c, count(*) FROM ${V} GROUP BY 1 UNION ALL SELECT '合计', count(*) FROM ${V}`,
    `SELECT date_trunc('month', 成立日期) AS m, upper(企业名称), coalesce(所属区, '?'), 注册资本::BIGINT FROM ${V} WHERE 所属区 IS NOT NULL ORDER BY 企业名称 LIMIT 5`,
    `FROM ${V} SELECT 所属区, count(*) GROUP BY 所属区`,
    `SELECT * FROM r_job1`,
    `EXPLAIN SELECT count(*) FROM ${V}`,
    `SELECT 'read_csv(/etc/passwd)' AS s, '; COPY' AS t FROM ${V} LIMIT 1`,
    `select 所属区 from ${V} -- trailing comment\n;`,
  ];
  for (const sql of GOOD) {
    it(`accepts ${JSON.stringify(sql.slice(0, 70))}`, async () => {
      const r = await checkStatement(sql, SCOPE, 65536);
      expect(r.refusal).toBeUndefined();
      expect(r.ok).toBe(true);
    });
  }
});
