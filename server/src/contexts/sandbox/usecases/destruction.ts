import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Executor } from '../../../kernel/db/tables.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { systemActor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { activeHolds, defineResidueCheck, recordMandatedDestruction } from '../../ledger/service.js';
import { fileSm3 } from '../engine/job.js';
import { destroyImportsIn, liveImportCount } from '../imports/usecases.js';
import { workspaceLifecycle } from '../lifecycle.js';
import * as store from '../store.js';
import { workspaceSubject } from './workspaces.js';

const workspaceRoot = (k: Kernel, id: string) => join(k.dataDir, 'workspaces', id);

async function listFiles(root: string): Promise<{ path: string; sm3: string }[]> {
  const items: { path: string; sm3: string }[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else items.push({ path: p.slice(root.length + 1), sm3: await fileSm3(p) });
    }
  };
  await walk(root);
  return items;
}

/** The folder and every entry under it, 0 when it is gone (a count, not hashes: residue is what is left). */
async function leftUnder(root: string): Promise<number> {
  if (!existsSync(root)) return 0;
  return 1 + (await readdir(root, { recursive: true })).length;
}

// SBX-14: what the second person's verification checks of a purged Workspace (ledger DestructionRecord, method workspace_purge).
defineResidueCheck('workspace_purge', {
  checks: ['workspace_files', 'pseudonym_key', 'result_key', 'differencing_sketches', 'imports'],
  residue: async (trx, k, scope) => {
    // The ledger's hook still types its handle loosely; it is the caller's open transaction on the system of record.
    const db = trx as unknown as Executor;
    let n = 0;
    for (const id of scope.objectIds) {
      const ws = await store.getWorkspace(db, id);
      if (!ws) continue;
      n += await leftUnder(workspaceRoot(k, id));
      n += (ws.key_enc ? 1 : 0) + (ws.result_key_wrapped ? 1 : 0) + (await store.countSketches(db, ws.grant_id));
      n += await liveImportCount(db, id);
    }
    return n;
  },
});

/** Decision 0061: the Grant (its end is the trigger), then the holder's application behind it (the row's column, not in WorkspaceRow). */
function mandateBasis(ws: store.WorkspaceRow) {
  const app = ws.scenario_application_id;
  return [
    { objectType: 'Grant', objectId: ws.grant_id },
    ...(app ? [{ objectType: 'ScenarioApplication', objectId: app }] : []),
  ];
}

/**
 * SBX-14: deletes results, views, artifacts, the pseudonym key and the Grant's differencing
 * sketches, and records a ledger DestructionRecord (executed, awaiting a second person's
 * verification) that lists each deleted file's SM3. A legal hold on the Workspace (LED-18)
 * stops it before anything is deleted; the Workspace then stays `closing`.
 */
export async function destroyWorkspace(k: Kernel, id: string): Promise<'destroyed' | 'held'> {
  if ((await activeHolds(k.db, 'Workspace', [id])).length) return 'held';
  const root = workspaceRoot(k, id);
  const items = await listFiles(root);
  await rm(root, { recursive: true, force: true });
  await k.db.transaction().execute(async (trx) => {
    const ws = (await store.getWorkspace(trx, id, true))!;
    await store.deleteSketches(trx, ws.grant_id);
    // SBX-11: the Workspace's imports end with it; their files are among `items` (deleted above, each with its SM3).
    const importIds = await destroyImportsIn(trx, k, ws);
    const recordId = await recordMandatedDestruction(trx, k, {
      objectType: 'Workspace',
      objectIds: [id],
      ownerOrgId: ws.holder_org_id,
      jurisdictionId: ws.jurisdiction_id,
      dataDescription: `开发席位 ${id} 的临时数据（加密结果、导入数据、视图、伪名密钥、结果密钥、差分草图）`,
      method: 'workspace_purge',
      deletedObjects: items,
      destroyedKeyIds: [`pseudonym:${ws.grant_id}`, `sketches:${ws.grant_id}`, `results:${id}`],
      executedBy: 'sandbox-destroy',
      // Decision 0061: the Grant's end ordered it; its decisions and the holder's application are the approvals.
      mandatedBy: mandateBasis(ws),
    });
    const record = {
      destructionRecordId: recordId,
      objects: items,
      importIds,
      pseudonymKeyDestroyed: true,
      resultKeyDestroyed: true,
      sketchesDestroyed: true,
      destroyedAt: k.clock.now().toISOString(),
    };
    await transition(trx, k.workflow, {
      lifecycle: workspaceLifecycle,
      action: 'destroy',
      actor: systemActor('sandbox-destroy'),
      object: ws,
      subject: workspaceSubject(ws),
      input: record,
      values: { key_enc: null, result_key_wrapped: null, destruction: JSON.stringify(record) },
    });
  });
  return 'destroyed';
}
