import { shanghaiDate } from '../../../kernel/calendar/calendar.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { getGrantForUse, type GrantForUse } from '../../authorization/service.js';
import { listContractsOfBuyer } from '../../products/service.js';
import type { ServiceSpec } from '../model.js';
import * as sandbox from '../store.js';
import type { IdentifierType } from './client/canonical.js';

/** One service a buyer may run PSI against, with what it needs to open a session (PSI-01). */
export interface PsiTarget {
  service: sandbox.ServiceRow;
  view: sandbox.ViewRecord;
  grant: GrantForUse;
  contract: { id: string; orderId: string; active: boolean };
  field: string;
  identifierType: IdentifierType;
  modes: ('cardinality' | 'membership')[];
}

const day = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));

/**
 * The identifier column of a verification service, when it reaches the view unmasked (a masked or pseudonymized
 * column cannot meet the buyer's raw identifiers). Statistics services have no item column: no PSI.
 */
function itemField(spec: ServiceSpec, view: sandbox.ViewRecord) {
  if (spec.kind !== 'verification') return undefined;
  const p = spec.params.find((x) => x.type !== 'text');
  const f = p && view.fields.find((x) => x.name === p.field);
  return p && f?.method === 'none' ? { field: p.field, type: p.type as IdentifierType } : undefined;
}

/** The verification services the buyer's contracts name, one per service; whether PSI is allowed is PSI-01's. */
export async function psiTargets(k: Kernel, actor: Actor): Promise<PsiTarget[]> {
  if (!actor.orgId) return [];
  const today = shanghaiDate(k.clock.now());
  const out = new Map<string, PsiTarget>();
  for (const c of await listContractsOfBuyer(k.db, actor.orgId)) {
    if (!c.service_id) continue;
    const active = c.state === 'active' && day(c.term_from) <= today && today <= day(c.term_to);
    const prior = out.get(c.service_id);
    if (prior && (prior.contract.active || !active)) continue;
    const service = await sandbox.getService(k.db, c.service_id);
    if (!service) continue;
    const ws = await sandbox.getWorkspace(k.db, service.workspace_id);
    const view = ws?.views.find((v) => v.name === service.view_name);
    const grant = await getGrantForUse(k.db, service.grant_id);
    const item = view && itemField(service.spec, view);
    if (!view || !grant || !item) continue;
    out.set(c.service_id, {
      service,
      view,
      grant,
      contract: { id: c.id, orderId: c.order_id, active: active && service.state === 'active' },
      field: item.field,
      identifierType: item.type,
      modes: grant.psi.membership ? ['cardinality', 'membership'] : ['cardinality'],
    });
  }
  return [...out.values()];
}
