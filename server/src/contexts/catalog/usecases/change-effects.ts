import { randomUUID } from 'node:crypto';
import type { Kernel } from '../../../kernel/kernel.js';
import { fieldColumns } from './resources.js';
import type { ParsedPatch } from './patch.js';
import * as store from '../store.js';
import { openTask } from './tasks.js';
import { type Tx } from '../../../kernel/db/tables.js';

/**
 * A consented `modify` adds its fields unclassified and unregistered: the source unit's
 * security officer classifies them (DET-05) and, on a registered resource, they are not
 * grantable until a `change` registration covers them (REG-03).
 */
export async function insertPatchedFields(trx: Tx, resourceId: string, p: ParsedPatch) {
  const existing = await store.listFields(trx, resourceId, true);
  let seq = existing.reduce((m, f) => Math.max(m, f.seq), 0);
  for (const f of p.addFields)
    await store.insertField(trx, { id: randomUUID(), resource_id: resourceId, seq: ++seq, ...fieldColumns(f) });
  for (const code of p.removeFieldCodes) {
    const f = existing.find((x) => x.code === code);
    if (f) await store.updateField(trx, f.id, { removed: true });
  }
}

/**
 * REG-03 / CLS-08 / OBJ-01: registered content changed, so the source unit files a `change`
 * registration within `registration.changeFilingDays` working days. One open task per cause.
 */
export async function openChangeFiling(
  trx: Tx,
  k: Kernel,
  r: store.ResourceRow,
  ruleId: string,
  details: Record<string, unknown> & { changeId?: string },
) {
  const now = k.clock.now();
  return openTask(trx, k, {
    kind: 'change_filing',
    ruleId,
    assigneeOrgId: r.source_unit_org_id,
    jurisdictionId: r.jurisdiction_id,
    jurisdictionPath: r.jurisdiction_path,
    resourceId: r.id,
    subjectType: 'DataResource',
    subjectId: r.id,
    dedupeKey: `change_filing:${r.id}:${details.changeId ?? now.toISOString()}`,
    details,
    dueAt: k.calendar.dueAt(now, k.profile.get<number>('registration.changeFilingDays')),
  });
}
