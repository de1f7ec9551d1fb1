import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MountedView } from './engine/instance.js';
import { writeEnterpriseParquet } from './fixtures.js';
import { buildMaskedParquet, type MountField } from './masking/build.js';
import type { GrantKeys } from './masking/methods.js';

export const TEST_KEYS: GrantKeys = { pseudonymKey: Buffer.alloc(32, 7), tokenKey: Buffer.alloc(16, 9) };

/** The granted fields of the test Grant on 企业登记信息 (法定代表人 and 登记机关 not granted). */
export const TEST_FIELDS: MountField[] = [
  { source: '统一社会信用代码', name: '统一社会信用代码', rule: { method: 'none' } },
  { source: '企业名称', name: '企业名称', rule: { method: 'none' } },
  { source: '法定代表人身份证号', name: '法定代表人身份证号', rule: { method: 'hmac_pseudonym' } },
  { source: '注册资本', name: '注册资本', rule: { method: 'round', params: { unit: 1000000 } } },
  { source: '成立日期', name: '成立日期', rule: { method: 'generalize', params: { level: 'month' } } },
  { source: '所属区', name: '所属区', rule: { method: 'none' } },
];

/** A temp dir with a raw fixture and its masked view file (the shape a Workspace mounts). */
export async function maskedFixture(n = 2000): Promise<{ dir: string; raw: string; view: MountedView }> {
  const dir = await mkdtemp(join(tmpdir(), 'sbx-'));
  const raw = join(dir, 'raw', 'enterprise.parquet');
  await writeEnterpriseParquet(raw, n);
  const file = join(dir, 'views', 'enterprise.masked.parquet');
  const b = await buildMaskedParquet({ sourceFile: raw, outFile: file, fields: TEST_FIELDS, subjectSource: '统一社会信用代码', keys: TEST_KEYS, dateShiftDays: 30 });
  return { dir, raw, view: { name: '企业登记信息', file, columns: b.columns } };
}
