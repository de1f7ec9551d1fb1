import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Tx } from '../kernel/db/tables.js';
import type { Kernel } from '../kernel/kernel.js';
import { systemActor } from '../kernel/workflow/actor.js';
import { importObject } from '../kernel/workflow/transition.js';
import { convertAndProfile } from '../contexts/catalog/service.js';
import { fileSm3 } from '../contexts/sandbox/engine/job.js';
import { ql } from '../contexts/sandbox/engine/instance.js';
import { importLifecycle } from '../contexts/sandbox/imports/lifecycle.js';
import { columnsFromScan, ruleOf } from '../contexts/sandbox/imports/scan.js';
import { getImport } from '../contexts/sandbox/imports/store.js';
import { customerCsv } from '../contexts/sandbox/imports/test/factories.js';
import { buildMaskedParquet } from '../contexts/sandbox/masking/build.js';
import { dropScratch, scratchDir } from '../contexts/sandbox/results/vault.js';
import { getWorkspace } from '../contexts/sandbox/store.js';
import { grantKeys } from '../contexts/sandbox/usecases/masked-views.js';
import { demoId } from './ids.js';
import { uid } from './identity.js';

export const DEMO_IMPORT_ID = demoId('import:verify:customers');

/**
 * SBX-11 demo: the operator's own customer list (入域) in its 核验 Workspace, declared as its own business data,
 * scanned like any upload (ID numbers and mobiles pseudonymized), joinable with 企业登记信息 on 统一社会信用代码.
 */
export async function seedSandboxImport(trx: Tx, k: Kernel, workspaceId: string): Promise<void> {
  if (await getImport(trx, DEMO_IMPORT_ID)) return;
  const ws = await getWorkspace(trx, workspaceId);
  const view = ws?.views.find((v) => v.name === '企业登记信息');
  if (!ws || !view || !ws.key_enc) return;
  const dir = await scratchDir();
  try {
    const csv = join(dir, '存量客户名单.csv');
    await writeFile(csv, customerCsv(await someUsccs(view.file, 60)));
    const plain = join(dir, 'plain.parquet');
    const prof = await convertAndProfile(k, csv, 'csv', plain, []);
    const columns = columnsFromScan(prof, {});
    const out = join(k.dataDir, 'workspaces', ws.id, 'imports', `${DEMO_IMPORT_ID}.parquet`);
    await buildMaskedParquet({
      sourceFile: plain,
      outFile: out,
      fields: columns.map((c) => ({ source: c.name, name: c.name, rule: ruleOf(c.method) })),
      subjectSource: null,
      keys: grantKeys(k, ws),
      dateShiftDays: k.profile.get<number>('sandbox.dateShiftDays'),
    });
    const declared = {
      basis: 'own_business',
      description: '本公司信贷业务系统导出的存量企业客户名单（演示数据）',
      reference: 'CRM-EXPORT-DEMO',
    };
    await importObject(
      trx,
      k.workflow,
      importLifecycle,
      'active',
      {
        id: DEMO_IMPORT_ID,
        workspace_id: ws.id,
        holder_org_id: ws.holder_org_id,
        jurisdiction_id: ws.jurisdiction_id,
        name: '存量客户名单',
        file_name: '存量客户名单.csv',
        declared_source: JSON.stringify(declared),
        upload_sm3: await fileSm3(csv),
        upload_bytes: (await stat(csv)).size,
        rows: prof.rows,
        columns: JSON.stringify(columns),
        file: out,
        file_sm3: await fileSm3(out),
        scanned_at: k.clock.now(),
        created_by: uid('operator.dev'),
      },
      systemActor('demo-seed'),
      ws.jurisdiction_id,
    );
  } finally {
    await dropScratch(dir);
  }
}

/** USCCs that exist in the masked view (in clear there), so the demo join finds its customers. */
async function someUsccs(file: string, n: number): Promise<string[]> {
  const inst = await DuckDBInstance.create(':memory:', { threads: '1' });
  const c = await inst.connect();
  try {
    const r = await c.runAndReadAll(
      `SELECT 统一社会信用代码 FROM read_parquet(${ql(file)}) WHERE 统一社会信用代码 IS NOT NULL ORDER BY 1 LIMIT ${n}`,
    );
    return r.getRows().map((row) => String(row[0]));
  } finally {
    c.closeSync();
    inst.closeSync();
  }
}
