import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Kernel } from '../../../kernel/kernel.js';
import { sm3Hex } from '../../../kernel/crypto/sm3.js';
import { idCheckChar, usccCheckChar } from '../../identity/codes.js';
import { controlledPath, setControlledRoot } from './resources.js';
import { demoId } from '../../../seed/ids.js';

/**
 * Deterministic demo data files (a few thousand rows each, valid check digits), so a demo
 * resource's Parquet can be rebuilt byte-for-byte content-equal in any data directory.
 */
export function prng(seed: string) {
  let a = parseInt(sm3Hex(seed).slice(0, 8), 16) >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  return { next, int, pick };
}
export type Rng = ReturnType<typeof prng>;

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌浩宇晨欣怡子轩梓涵';
export const DISTRICTS = [
  ['440402', '香洲区'],
  ['440403', '斗门区'],
  ['440404', '金湾区'],
] as const;
const ROADS = [
  '情侣中路',
  '凤凰北路',
  '迎宾南路',
  '人民西路',
  '九洲大道',
  '珠海大道',
  '白蕉路',
  '井岸镇新青路',
  '红旗镇藤山路',
  '三灶镇金海岸大道',
];
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export const gen = {
  name: (r: Rng) => r.pick([...SURNAMES]) + r.pick([...GIVEN]) + (r.next() < 0.6 ? r.pick([...GIVEN]) : ''),
  date: (r: Rng, y0: number, y1: number) =>
    `${r.int(y0, y1)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`,
  idNumber(r: Rng, district: string = r.pick(DISTRICTS)[0]) {
    const body = `${district}${gen.date(r, 1940, 2012).replace(/-/g, '')}${String(r.int(0, 999)).padStart(3, '0')}`;
    return body + idCheckChar(body)!;
  },
  uscc(r: Rng, district: string = r.pick(DISTRICTS)[0]) {
    let s = `${r.pick(['91', '92', '93'])}${district}`;
    for (let i = 0; i < 9; i++) s += r.pick([...USCC_CHARS]);
    return s + usccCheckChar(s)!;
  },
  mobile: (r: Rng) => `1${r.pick(['3', '5', '7', '8', '9'])}${String(r.int(0, 999999999)).padStart(9, '0')}`,
  address: (r: Rng, d: string) =>
    `广东省珠海市${d}${r.pick(ROADS)}${r.int(1, 999)}号${r.int(1, 30)}栋${r.int(101, 2808)}室`,
  plate: (r: Rng) => `粤C${r.pick(['D', 'F', 'A', 'B'])}${String(r.int(0, 99999)).padStart(5, '0')}`,
};

const COMPANY = ['科技', '贸易', '电子', '餐饮', '物流', '建筑', '文化传媒', '生物医药', '智能制造', '旅游'];
const csv = (rows: (string | number)[][]) =>
  rows
    .map((r) => r.map((v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))).join(','))
    .join('\n') + '\n';

/** The demo resources that carry a data file, keyed like their demo ids; each generator is pure. */
export const DEMO_FILES: Record<string, (r: Rng) => (string | number)[][]> = {
  'enterprise-registration': (r) => {
    const rows: (string | number)[][] = [
      ['统一社会信用代码', '企业名称', '法定代表人', '注册资本', '成立日期', '登记机关', '所属区'],
    ];
    for (let i = 0; i < 3000; i++) {
      const [code, d] = r.pick(DISTRICTS);
      rows.push([
        gen.uscc(r, code),
        `珠海${r.pick(['横琴', '香洲', '金湾', '斗门', '高新'])}${r.pick(COMPANY)}有限公司${i + 1}`,
        gen.name(r),
        (r.int(10, 50000) * 10000).toFixed(2),
        gen.date(r, 1995, 2025),
        `珠海市市场监督管理局${d}分局`,
        d,
      ]);
    }
    return rows;
  },
  'food-license': (r) => {
    const rows: (string | number)[][] = [
      ['许可证编号', '经营者名称', '统一社会信用代码', '经营场所', '有效期至', '所属区'],
    ];
    for (let i = 0; i < 2000; i++) {
      const [code, d] = r.pick(DISTRICTS);
      rows.push([
        `JY${code}${String(i).padStart(8, '0')}`,
        `珠海${r.pick(COMPANY)}餐饮店${i}`,
        gen.uscc(r, code),
        gen.address(r, d),
        gen.date(r, 2026, 2030),
        d,
      ]);
    }
    return rows;
  },
  'bus-card': (r) => {
    const rows: (string | number)[][] = [['卡号', '线路', '上车站点', '刷卡时间', '金额', '所属区']];
    for (let i = 0; i < 5000; i++) {
      const [, d] = r.pick(DISTRICTS);
      rows.push([
        `ZH${String(r.int(0, 99999999)).padStart(8, '0')}`,
        `${r.int(1, 99)}路`,
        `${r.pick(ROADS)}站`,
        `2026-0${r.int(1, 9)}-1${r.int(0, 9)} ${String(r.int(6, 22)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}:00`,
        r.pick(['1.00', '2.00', '0.50']),
        d,
      ]);
    }
    return rows;
  },
  'taxi-trajectory': (r) => {
    const rows: (string | number)[][] = [['号牌号码', '驾驶员姓名', '定位时间', '经度', '纬度']];
    for (let i = 0; i < 3000; i++)
      rows.push([
        gen.plate(r),
        gen.name(r),
        `2026-03-0${r.int(1, 9)} 1${r.int(0, 9)}:${String(r.int(0, 59)).padStart(2, '0')}:00`,
        (113.4 + r.next() * 0.3).toFixed(6),
        (22.1 + r.next() * 0.2).toFixed(6),
      ]);
    return rows;
  },
  vaccination: (r) => {
    const rows: (string | number)[][] = [
      ['姓名', '身份证号', '性别', '出生日期', '所属区', '疫苗名称', '接种日期', '联系电话'],
    ];
    for (let i = 0; i < 4000; i++) {
      const [code, d] = r.pick(DISTRICTS);
      const id = gen.idNumber(r, code);
      rows.push([
        gen.name(r),
        id,
        Number(id[16]) % 2 ? '男' : '女',
        `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
        d,
        r.pick(['流感疫苗', '乙肝疫苗', '狂犬病疫苗', '带状疱疹疫苗']),
        gen.date(r, 2024, 2026),
        gen.mobile(r),
      ]);
    }
    return rows;
  },
  'port-throughput': (r) => {
    const rows: (string | number)[][] = [['统计月份', '港区', '货物吞吐量（吨）', '集装箱（标箱）']];
    for (let y = 2020; y <= 2025; y++)
      for (let m = 1; m <= 12; m++)
        for (const p of ['高栏港区', '九洲港区', '万山港区'])
          rows.push([`${y}-${String(m).padStart(2, '0')}`, p, r.int(100000, 9000000), r.int(1000, 200000)]);
    return rows;
  },
  'birth-certificates': (r) => {
    const rows: (string | number)[][] = [['统计月份', '所属区', '签发数量']];
    for (let y = 2020; y <= 2025; y++)
      for (let m = 1; m <= 12; m++)
        for (const [, d] of DISTRICTS) rows.push([`${y}-${String(m).padStart(2, '0')}`, d, r.int(300, 1500)]);
    return rows;
  },
};

export function demoCsv(key: string): string {
  return csv(DEMO_FILES[key]!(prng(`catalog-demo:${key}`)));
}

/** Writes a demo CSV to a temp file in the controlled store; returns path, SM3 and size. */
export function writeDemoCsv(key: string): { path: string; sm3: string; bytes: number } {
  const text = demoCsv(key);
  const path = controlledPath(join('tmp', `demo-${key}-${randomUUID()}.csv`));
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return { path, sm3: sm3Hex(text), bytes: Buffer.byteLength(text) };
}

/**
 * Rebuilds missing demo Parquet files in this kernel's data directory (the database may have
 * been seeded by another process with another data directory, e.g. the test template).
 */
export const demoSnapshotId = (key: string) => demoId(`catalog-snapshot:${key}`);

export async function ensureDemoData(k: Kernel) {
  setControlledRoot(k.dataDir);
  const { convertAndProfile } = await import('./upload.js');
  const { listFields } = await import('../store.js');
  for (const key of Object.keys(DEMO_FILES)) {
    const s = await sql<{
      stored_as: string;
      resource_id: string;
    }>`SELECT stored_as, resource_id FROM data_snapshot WHERE id = ${demoSnapshotId(key)} AND state = 'stored'`
      .execute(k.db)
      .then((r) => r.rows[0])
      .catch(() => undefined);
    if (!s || existsSync(controlledPath(s.stored_as))) continue;
    const f = writeDemoCsv(key);
    try {
      await convertAndProfile(k, f.path, 'csv', controlledPath(s.stored_as), await listFields(k.db, s.resource_id));
    } finally {
      rmSync(f.path, { force: true });
    }
  }
}
