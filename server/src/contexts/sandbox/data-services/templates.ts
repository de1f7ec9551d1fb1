import { randomUUID } from 'node:crypto';
import { canonicalJson } from '../../../kernel/crypto/jcs.js';
import { sm3Hex } from '../../../kernel/crypto/sm3.js';
import { AppError, notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { canRead, type Subject } from '../../../kernel/workflow/authorize.js';
import { systemActor, type Actor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { serviceLifecycle } from '../lifecycle.js';
import { presentService } from '../present.js';
import type { ServiceSpec } from '../model.js';
import * as store from '../store.js';
import { assertWorkspaceUsable, loadWorkspace } from '../usecases/workspaces.js';
import { dropRuntime } from './gateway.js';

export { callService, testService, warmServices } from './gateway.js';

export function serviceSubject(
  s: Pick<store.ServiceRow, 'id' | 'jurisdiction_id' | 'jurisdiction_path' | 'operator_org_id' | 'proposed_by'>,
): Subject {
  return {
    type: 'DataServiceTemplate',
    id: s.id,
    jurisdictionId: s.jurisdiction_id,
    jurisdictionPath: s.jurisdiction_path,
    ownerOrgId: s.operator_org_id,
    createdBy: s.proposed_by,
  };
}

/** The SELECT a template stands for, shown to reviewers and frozen by SM3 (SVC-01). */
export function templateSql(spec: ServiceSpec): string {
  if (spec.kind === 'verification')
    return `SELECT count(*) > 0 AS match FROM ${spec.view} WHERE ${spec.params.map((p) => `${p.field} = :${p.name}`).join(' AND ')}`;
  const g = spec.groupBy.join(', ');
  return `SELECT ${g}, count(*) FROM ${spec.view}${spec.filterParam ? ` WHERE ${spec.filterParam.field} = :${spec.filterParam.name}` : ''} GROUP BY ${g} /* k-suppressed */`;
}

/** An operator proposes a template over its Workspace's views (SVC-01); fields must be granted and verifiable. */
export async function proposeService(
  k: Kernel,
  actor: Actor,
  input: { workspaceId: string; nameZh: string; spec: ServiceSpec },
) {
  const ws = await loadWorkspace(k, actor, input.workspaceId);
  await assertWorkspaceUsable(k, actor, ws);
  const view = ws.views.find((v) => v.name === input.spec.view);
  if (!view) throw new AppError(422, 'TEMPLATE_INVALID', { detail: `view ${input.spec.view}` });
  const fields =
    input.spec.kind === 'verification'
      ? input.spec.params.map((p) => p.field)
      : [...input.spec.groupBy, ...(input.spec.filterParam ? [input.spec.filterParam.field] : [])];
  for (const f of fields) {
    const meta = view.fields.find((x) => x.name === f);
    if (!meta) throw new AppError(422, 'TEMPLATE_INVALID', { detail: `field ${f}` });
    if (input.spec.kind === 'verification' && !['none', 'hmac_pseudonym'].includes(meta.method))
      throw new AppError(422, 'TEMPLATE_INVALID', { detail: `field ${f} is masked (${meta.method})` });
    if (input.spec.kind === 'statistics' && (meta.personalInfo || meta.directIdentifier))
      throw new AppError(422, 'TEMPLATE_INVALID', { detail: `field ${f} is personal` });
  }
  const id = randomUUID();
  const spec = { ...input.spec, sql: templateSql(input.spec) };
  await k.db.transaction().execute((trx) =>
    transition(trx, k.workflow, {
      lifecycle: serviceLifecycle,
      action: 'propose',
      actor,
      object: null,
      subject: {
        type: 'DataServiceTemplate',
        jurisdictionId: ws.jurisdiction_id,
        jurisdictionPath: ws.jurisdiction_path,
        ownerOrgId: ws.holder_org_id,
      },
      input: { nameZh: input.nameZh, spec },
      values: {
        id,
        workspace_id: ws.id,
        grant_id: ws.grant_id,
        operator_org_id: ws.holder_org_id,
        jurisdiction_id: ws.jurisdiction_id,
        jurisdiction_path: JSON.stringify(ws.jurisdiction_path),
        kind: input.spec.kind,
        name_zh: input.nameZh,
        view_name: view.name,
        spec: JSON.stringify(spec),
        sm3: sm3Hex(canonicalJson(spec)),
        proposed_by: actor.userId ?? null,
      },
    }),
  );
  return presentService((await store.getService(k.db, id))!);
}

/** The authority approves the template and its output contract (SVC-01); the SM3 in the event freezes it. */
export async function approveService(k: Kernel, actor: Actor, id: string) {
  await k.db.transaction().execute(async (trx) => {
    const s = await store.getService(trx, id, true);
    if (!s || !canRead(actor, serviceSubject(s))) throw notFound('DataServiceTemplate', id);
    await transition(trx, k.workflow, {
      lifecycle: serviceLifecycle,
      action: 'approve',
      actor,
      object: s,
      subject: serviceSubject(s),
      input: { sm3: s.sm3 },
      values: { approved_by: actor.userId },
    });
  });
  return presentService((await store.getService(k.db, id))!);
}

/** approved → active when its DataProduct goes active (system). */
export async function activateService(k: Kernel, id: string) {
  await k.db.transaction().execute(async (trx) => {
    const s = (await store.getService(trx, id, true))!; // the product names a template it approved
    await transition(trx, k.workflow, {
      lifecycle: serviceLifecycle,
      action: 'activate',
      actor: systemActor('product-activation'),
      object: s,
      subject: serviceSubject(s),
      input: { sm3: s.sm3 },
    });
  });
  dropRuntime(id);
}

export async function listServicesFor(k: Kernel, actor: Actor) {
  const rows = await store.listServicesVisible(k.db, actor.orgId ?? null, actor.readableJurisdictionIds ?? []);
  return { items: rows.filter((s) => canRead(actor, serviceSubject(s))).map(presentService) };
}

export async function getServiceFor(k: Kernel, actor: Actor, id: string) {
  const s = await store.getService(k.db, id);
  if (!s || !canRead(actor, serviceSubject(s))) throw notFound('DataServiceTemplate', id);
  return presentService(s);
}
