import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kernel } from '../../../kernel/kernel.js';
import { seedAuthorization } from '../../../seed/authorization.js';
import { DEMO_GRANTS, seedSandbox } from '../../../seed/sandbox.js';
import { getGrantForUse } from '../../authorization/service.js';
import type { MountedView } from '../engine/instance.js';
import { buildMaskedParquet, type MountField } from '../masking/build.js';
import type { GrantKeys } from '../masking/methods.js';
import { writeEnterpriseParquet } from './enterprise-data.js';

// Test factories of the sandbox (issue 13): a masked view built from deterministic enterprise data
// (enterprise-data.ts, which benches and e2e import alone), and the demo Workspaces on the demo Grants,
// whose parents the owning contexts' builders make.
export * from './enterprise-data.js';

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

/** What a masked fixture may change: the granted fields and their masking, the keys, the date shift. */
export interface MaskedFixtureOverrides {
  fields?: MountField[];
  keys?: GrantKeys;
  dateShiftDays?: number;
}

/** A temp dir with a raw fixture of n rows and its masked view file (the shape a Workspace mounts). */
export async function maskedFixture(
  n = 2000,
  o: MaskedFixtureOverrides = {},
): Promise<{ dir: string; raw: string; view: MountedView }> {
  const dir = await mkdtemp(join(tmpdir(), 'sbx-'));
  const raw = join(dir, 'raw', 'enterprise.parquet');
  await writeEnterpriseParquet(raw, n);
  const file = join(dir, 'views', 'enterprise.masked.parquet');
  const b = await buildMaskedParquet({
    sourceFile: raw,
    outFile: file,
    fields: o.fields ?? TEST_FIELDS,
    subjectSource: '统一社会信用代码',
    keys: o.keys ?? TEST_KEYS,
    dateShiftDays: o.dateShiftDays ?? 30,
  });
  return { dir, raw, view: { name: '企业登记信息', file, columns: b.columns } };
}

/**
 * Makes sure the demo 核验 Grant and the sandbox demo data exist in a test database. A missing Grant
 * is made by the authorization context's own builder (its demo seed, through its lifecycles), never
 * by writing into its tables from here; the sandbox seed then mounts the demo Workspaces.
 */
export async function ensureSandboxDemo(k: Kernel): Promise<void> {
  if (!(await getGrantForUse(k.db, DEMO_GRANTS.verify))) {
    await k.db.transaction().execute((trx) => seedAuthorization(trx, k));
    if (!(await getGrantForUse(k.db, DEMO_GRANTS.verify)))
      throw new Error('demo Grant missing: the catalog demo resource 企业登记信息 was not seeded');
  }
  await k.db.transaction().execute((trx) => seedSandbox(trx, k));
}
