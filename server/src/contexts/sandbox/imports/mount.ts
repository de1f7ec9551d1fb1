import type { Executor } from '../../../kernel/db/tables.js';
import type { MountedView } from '../engine/instance.js';
import { listImports } from './store.js';

export interface MountedImport {
  id: string;
  sm3: string | null;
  view: MountedView;
}

/** SBX-03/SBX-11: the imports a Job in this Workspace may name — this Workspace's, never another's. */
export async function mountedImports(db: Executor, workspaceId: string): Promise<MountedImport[]> {
  return (await listImports(db, workspaceId, ['active']))
    .filter((i) => i.file)
    .map((i) => ({
      id: i.id,
      sm3: i.file_sm3,
      view: { name: i.name, file: i.file!, columns: i.columns.filter((c) => c.method !== 'drop').map((c) => c.name) },
    }));
}
