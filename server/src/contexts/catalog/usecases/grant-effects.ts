import { sql } from 'kysely';
import type { Kernel } from '../../../kernel/kernel.js';
import { systemActor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { type Tx } from '../../../kernel/db/tables.js';

/**
 * What catalog events do to Grants (REG-04 cancellation, CLS-08 raised grade): active Grants
 * on the resource (or on the named fields) are suspended in the same transaction, through the
 * Grant lifecycle's own `suspend` transition. The lifecycle is loaded lazily because
 * authorization imports the catalog (catalog-port.ts); a static import would be a cycle.
 */
/** The columns of an active Grant the suspension reads (authorization.md Grant). */
interface GrantToSuspend {
  id: string;
  state: string;
  version: number;
  jurisdiction_id: string;
  jurisdiction_path: string[];
  holder_org_id: string;
  source_unit_org_ids: string[];
  fields: { resourceId: string; fieldId: string }[];
}

export async function suspendGrantsOn(
  trx: Tx,
  k: Kernel,
  resourceId: string,
  cause: { ruleId: string; reason: string },
  fieldIds?: string[],
): Promise<string[]> {
  const { grantLifecycle } = await import('../../authorization/lifecycle.js');
  // Known leftover (issue 13): this reads authorization's data_grant directly; a port in
  // authorization ("active grants on a resource") should answer it.
  const rows =
    await sql<GrantToSuspend>`SELECT g.*, j.path AS jurisdiction_path FROM data_grant g JOIN jurisdiction j ON j.id = g.jurisdiction_id
    WHERE g.state = 'active' AND g.fields @> ${JSON.stringify([{ resourceId }])}::jsonb ORDER BY g.grant_no FOR UPDATE OF g`.execute(
      trx,
    );
  const hit = rows.rows.filter((g) => !fieldIds || g.fields.some((f) => fieldIds.includes(f.fieldId)));
  const at = k.clock.now().toISOString();
  for (const g of hit) {
    await transition(trx, k.workflow, {
      lifecycle: grantLifecycle,
      action: 'suspend',
      actor: systemActor('catalog'),
      object: g,
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
  return hit.map((g) => g.id);
}
