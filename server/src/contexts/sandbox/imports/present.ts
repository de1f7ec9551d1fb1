import type { ImportView } from './model.js';
import type { ImportRow } from './store.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** An import as the API shows it: its declared source, the scan's findings and what was done per column, no values. */
export function presentImport(r: ImportRow): ImportView {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    name: r.name,
    fileName: r.file_name,
    status: r.state,
    declaredSource: {
      basis: r.declared_source.basis,
      description: r.declared_source.description,
      reference: r.declared_source.reference ?? null,
    },
    uploadSm3: r.upload_sm3,
    uploadBytes: Number(r.upload_bytes),
    rows: Number(r.rows),
    fileSm3: r.file_sm3,
    columns: r.columns,
    scannedAt: iso(r.scanned_at)!,
    createdAt: iso(r.created_at)!,
    createdBy: r.created_by,
    destroyedAt: iso(r.destroyed_at),
  };
}
