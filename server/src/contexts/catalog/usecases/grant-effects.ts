import { sql, type Transaction } from 'kysely';
import type { Kernel } from '../../../kernel/kernel.js';
import { systemActor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';

/**
 * What catalog events do to Grants (REG-04 cancellation, CLS-08 raised grade): active Grants
 * on the resource (or on the named fields) are suspended in the same transaction, through the
 * Grant lifecycle's own `suspend` transition. The lifecycle is loaded lazily because
 * authorization imports the catalog (catalog-port.ts); a static import would be a cycle.
 */
export async function suspendGrantsOn(
  trx: Transaction<any>,
  k: Kernel,
  resourceId: string,
  cause: { ruleId: string; reason: string },
  fieldIds?: string[],
): Promise<string[]> {
  const { grantLifecycle } = await import('../../authorization/lifecycle.js');
  const rows = await sql<
    Record<string, any>
  >`SELECT g.*, j.path AS jurisdiction_path FROM data_grant g JOIN jurisdiction j ON j.id = g.jurisdiction_id
    WHERE g.state = 'active' AND g.fields @> ${JSON.stringify([{ resourceId }])}::jsonb ORDER BY g.grant_no FOR UPDATE OF g`.execute(
    trx,
  );
  const hit = rows.rows.filter(
    (g) => !fieldIds || (g.fields as { fieldId: string }[]).some((f) => fieldIds.includes(f.fieldId)),
  );
  const at = k.clock.now().toISOString();
  for (const g of hit) {
    await transition(trx, k.workflow, {
      lifecycle: grantLifecycle,
      action: 'suspend',
      actor: systemActor('catalog'),
      object: g as any,
      subject: {
        type: 'Grant',
        id: g.id,
        jurisdictionId: g.jurisdiction_id,
        jurisdictionPath: g.jurisdiction_path,
        ownerOrgId: g.holder_org_id,
        sourceUnitOrgIds: g.source_unit_org_ids,
      },
      input: { cause: cause.ruleId, resourceId, reason: cause.reason },
      values: { suspension: JSON.stringify({ cause: cause.ruleId, reason: cause.reason, resourceId, at }) },
    });
  }
  return hit.map((g) => g.id as string);
}
