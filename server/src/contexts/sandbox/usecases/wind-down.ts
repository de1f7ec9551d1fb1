import type { Kernel } from '../../../kernel/kernel.js';
import * as store from '../store.js';
import { destroyWorkspace } from './destruction.js';

/**
 * Supervision's wind-down port (supervision.md ENF-06 / scenario 10, issue 16): the Workspaces of Grants that a
 * termination ended. Closing ones are purged now (SBX-14; a legal hold keeps one `closing`), then every Workspace
 * of those Grants is reported with its state and the ledger DestructionRecord that proves its purge.
 */
export interface WorkspaceDisposal {
  workspaceId: string;
  grantId: string;
  state: string;
  destructionRecordId: string | null;
}

const ALL = ['provisioning', 'active', 'frozen', 'closing', 'destroyed'];

export async function disposeWorkspacesOfGrants(k: Kernel, grantIds: readonly string[]): Promise<WorkspaceDisposal[]> {
  const out: WorkspaceDisposal[] = [];
  for (const grantId of new Set(grantIds)) {
    for (const ws of await store.listWorkspacesOfGrant(k.db, grantId, ['closing'])) await destroyWorkspace(k, ws.id);
    for (const ws of await store.listWorkspacesOfGrant(k.db, grantId, ALL)) {
      // The destruction column holds the record we wrote in destroyWorkspace.
      const d = ws.destruction as { destructionRecordId?: string } | null;
      out.push({ workspaceId: ws.id, grantId, state: ws.state, destructionRecordId: d?.destructionRecordId ?? null });
    }
  }
  return out;
}
