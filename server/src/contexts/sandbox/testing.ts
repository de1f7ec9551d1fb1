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
  const b = await buildMaskedParquet({
    sourceFile: raw,
    outFile: file,
    fields: TEST_FIELDS,
    subjectSource: '统一社会信用代码',
    keys: TEST_KEYS,
    dateShiftDays: 30,
  });
  return { dir, raw, view: { name: '企业登记信息', file, columns: b.columns } };
}

import { sql } from 'kysely';
import type { Kernel } from '../../kernel/kernel.js';
import { getResourceForAuthorization } from '../catalog/service.js';
import { getGrantForUse } from '../authorization/service.js';
import { demoId } from '../../seed/ids.js';
import { jid, oid } from '../../seed/identity.js';
import { DEMO_GRANTS, seedSandbox } from '../../seed/sandbox.js';

/**
 * Makes sure the demo 核验 Grant and the sandbox demo data exist in a test database. When the
 * authorization seed already made the Grant this only checks; otherwise it inserts a test
 * Grant on the catalog's 企业登记信息 (法定代表人 and 登记机关 not granted) and runs the sandbox seed.
 */
export async function ensureSandboxDemo(k: Kernel): Promise<void> {
  if (!(await getGrantForUse(k.db, DEMO_GRANTS.verify))) {
    const res = await getResourceForAuthorization(k.db, demoId('catalog-resource:enterprise-registration'));
    if (!res?.dataFile) throw new Error('catalog demo resource 企业登记信息 with data is missing');
    const fields = res.fields
      .filter((f) => !['法定代表人', '登记机关'].includes(f.nameZh))
      .map((f) => ({
        resourceId: res.id,
        resourceNameZh: res.nameZh,
        fieldId: f.id,
        code: f.code,
        nameZh: f.nameZh,
        dataType: f.dataType,
        grade: f.grade,
        personalInfo: f.personalInfo,
        directIdentifier: f.directIdentifier,
        masking: { method: 'none' },
        visibility: 'masked_rows',
        egressAllowed: true,
        conditions: null,
      }));
    const policy = {
      allowedOutputKinds: ['aggregate_table', 'chart', 'api_template'],
      minGroupSize: 10,
      smallCellSuppression: true,
      dp: null,
      masking: Object.fromEntries(fields.map((f) => [f.code, f.masking])),
    };
    await sql`INSERT INTO data_grant (id, grant_no, basis, holder_org_id, jurisdiction_id, purpose, fields, egress_policy, data_services_allowed, valid_from, valid_to, state, version)
      VALUES (${DEMO_GRANTS.verify}, 'SQ-TEST-0001', 'scenario_application', ${oid('zh-operator')}, ${jid('440400')}, ${JSON.stringify({ scenario: { title: '企业信息核验' } })},
      ${JSON.stringify(fields)}, ${JSON.stringify(policy)}, true, '2020-01-01', '2099-12-31', 'active', 1)`.execute(
      k.db,
    );
  }
  await k.db.transaction().execute((trx) => seedSandbox(trx, k));
}
