import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { ql } from '../engine/instance.js';

/**
 * Deterministic demo data for the sandbox (tests, seed, benches): 企业登记信息 with valid
 * 统一社会信用代码 (GB 32100) and 法定代表人身份证号 (GB 11643) check characters.
 */
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
export function usccFor(i: number): string {
  const body = `914404${String(i).padStart(11, '0')}`.slice(0, 17);
  let sum = 0;
  for (let j = 0; j < 17; j++) sum += USCC_CHARS.indexOf(body[j]!) * USCC_W[j]!;
  return body + USCC_CHARS[(31 - (sum % 31)) % 31];
}

const ID_W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
export function idNumberFor(i: number): string {
  const birth = `19${String(60 + (i % 40)).padStart(2, '0')}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}`;
  const body = `440402${birth}${String(i % 1000).padStart(3, '0')}`;
  let sum = 0;
  for (let j = 0; j < 17; j++) sum += (body.charCodeAt(j) - 48) * ID_W[j]!;
  return body + '10X98765432'[sum % 11];
}

/** Districts with deliberately uneven sizes: 横琴 stays below k = 10 in small fixtures. */
export const DISTRICTS = ['香洲区', '金湾区', '斗门区', '横琴粤澳深度合作区'];
const SURNAMES = '王李张刘陈杨黄赵吴周';
export function districtFor(i: number): string {
  if (i % 500 === 7) return DISTRICTS[3]!;
  return DISTRICTS[i % 3]!;
}

export interface EnterpriseRow {
  统一社会信用代码: string;
  企业名称: string;
  法定代表人: string;
  法定代表人身份证号: string;
  注册资本: number;
  成立日期: string;
  登记机关: string;
  所属区: string;
}

export function enterpriseRow(i: number): EnterpriseRow {
  const d = districtFor(i);
  return {
    统一社会信用代码: usccFor(i),
    企业名称: `珠海市${['星海', '湾区', '海韵', '金桥', '格致'][i % 5]}${['科技', '贸易', '物流', '咨询'][i % 4]}有限公司${i}`,
    法定代表人: `${SURNAMES[i % 10]}${['伟', '芳', '娜', '敏', '静'][i % 5]}`,
    法定代表人身份证号: idNumberFor(i),
    注册资本: 100000 * (1 + ((i * 7919) % 500)),
    成立日期: `${2000 + (i % 24)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
    登记机关: `珠海市市场监督管理局${d.slice(0, 2)}分局`,
    所属区: d,
  };
}

/** Writes n enterprise rows to a Parquet file (Node-generated; fine up to ~10^6 rows). */
export async function writeEnterpriseParquet(file: string, n: number): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const inst = await DuckDBInstance.create(':memory:');
  const c = await inst.connect();
  try {
    await c.run(
      'CREATE TABLE t (统一社会信用代码 VARCHAR, 企业名称 VARCHAR, 法定代表人 VARCHAR, 法定代表人身份证号 VARCHAR, 注册资本 BIGINT, 成立日期 VARCHAR, 登记机关 VARCHAR, 所属区 VARCHAR)',
    );
    const a = await c.createAppender('t');
    for (let i = 0; i < n; i++) {
      const r = enterpriseRow(i);
      a.appendVarchar(r.统一社会信用代码);
      a.appendVarchar(r.企业名称);
      a.appendVarchar(r.法定代表人);
      a.appendVarchar(r.法定代表人身份证号);
      a.appendBigInt(BigInt(r.注册资本));
      a.appendVarchar(r.成立日期);
      a.appendVarchar(r.登记机关);
      a.appendVarchar(r.所属区);
      a.endRow();
    }
    a.closeSync();
    await c.run(`COPY (SELECT * REPLACE (CAST(成立日期 AS DATE) AS 成立日期) FROM t) TO ${ql(file)} (FORMAT parquet)`);
  } finally {
    c.closeSync();
    inst.closeSync();
  }
}

/** SQL-generated variant for benchmarks (10^7 rows in seconds; check characters not valid). */
export async function writeEnterpriseParquetFast(file: string, n: number): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const inst = await DuckDBInstance.create(':memory:');
  const c = await inst.connect();
  try {
    await c.run(`COPY (SELECT '914404' || lpad(CAST(i AS VARCHAR), 12, '0') AS 统一社会信用代码,
      '珠海市企业' || i || '有限公司' AS 企业名称, '法人' || (i % 1000) AS 法定代表人,
      '440402' || lpad(CAST(i AS VARCHAR), 12, '0') AS 法定代表人身份证号,
      CAST(100000 * (1 + (i * 7919) % 500) AS BIGINT) AS 注册资本,
      DATE '2000-01-01' + CAST(i % 8000 AS INTEGER) AS 成立日期,
      '珠海市市场监督管理局' AS 登记机关,
      ['香洲区', '金湾区', '斗门区'][1 + i % 3] AS 所属区
      FROM range(${Math.floor(n)}) r(i)) TO ${ql(file)} (FORMAT parquet)`);
  } finally {
    c.closeSync();
    inst.closeSync();
  }
}
