import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKernel, type Kernel } from '../kernel/kernel.js';
import { openTestDatabase } from '../kernel/db/testing.js';
import type { Database } from '../kernel/db/connection.js';
import { assertGrantUsable, getGrantForUse, listUsableGrantsForOrg } from '../contexts/authorization/service.js';
import { demoId } from './ids.js';
import { oid } from './identity.js';

let database: Database;
let k: Kernel;
beforeAll(async () => {
  database = await openTestDatabase('demo');
  k = await createKernel(database);
});
afterAll(() => database?.close());

describe('authorization demo seed', () => {
  it('has two active grants with stable ids, masking of direct identifiers, and the collaborator on the 核验 grant', async () => {
    const verify = (await getGrantForUse(k.db, demoId('grant:enterprise-verify')))!;
    const stats = (await getGrantForUse(k.db, demoId('grant:population-stats')))!;
    expect(verify).toMatchObject({
      state: 'active',
      operatorOrgId: oid('zh-operator'),
      collaboratorOrgIds: [oid('zh-collab')],
      purpose: '企业登记信息核验服务',
    });
    expect(verify.resources[0]!.fields.map((f) => f.nameZh)).toEqual(
      expect.arrayContaining(['统一社会信用代码', '企业名称', '所属区']),
    );
    expect(verify.egressPolicy.allowedOutputKinds).toEqual(['aggregate', 'service_answer', 'model', 'report_document']);
    expect(stats.resources[0]!.fields.map((f) => f.nameZh)).toContain('所属区');
    expect(stats.egressPolicy.masking).toMatchObject({ xm: { method: 'mask' }, sfzh: { method: 'hmac_pseudonym' } });
    expect(() => assertGrantUsable(verify, oid('zh-collab'), '2026-06-01', false)).not.toThrow();
    expect((await listUsableGrantsForOrg(k.db, oid('zh-operator'), '2026-06-01')).map((g) => g.id).sort()).toEqual(
      [verify.id, stats.id].sort(),
    );
  });
});
