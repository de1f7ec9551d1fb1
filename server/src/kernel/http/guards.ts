import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { recordAuditAlone } from '../audit.js';
import type { Kernel } from '../kernel.js';
import { objectReaderFor } from '../workflow/readers.js';
import { AppError } from './errors.js';
import type { App } from './server.js';

const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Resources whose writes `/api/v1/<segment>/:id/…` act on one object of a type with a read rule
 * (LED-13 readers). Whoever may not open the object gets its 404 before the body is parsed or
 * validated (issue 12 finding 8), so an invalid body never tells another tenant the object
 * exists. Only types whose writers can all read them are listed (decision 0058).
 */
const OBJECT_PATHS: Record<string, string> = {
  'scenario-applications': 'ScenarioApplication',
  'operation-agreements': 'OperationAgreement',
  grants: 'Grant',
  'emergency-plans': 'EmergencyPlan',
  workspaces: 'Workspace',
  'egress-requests': 'EgressRequest',
  'destruction-records': 'DestructionRecord',
  registrations: 'ResourceRegistration', // its reader is the decision's own first check (loadRegistration)
  'platform-role-requests': 'PlatformRoleRequest', // IAM-14: only the platform org's three administrators read it
  'data-assets': 'DataAsset', // rights: the holder's card (asset register)
  valuations: 'Valuation', // rights: the evaluator and the client
  'rights-objections': 'RightsObjection', // rights: the registry deciding it can read it (objectionSubject)
};

function routeObject(req: FastifyRequest): { type: string; id: string } | null {
  const m = /^\/api\/v1\/([a-z-]+)\/:id(?:\/|$)/.exec(req.routeOptions.url ?? '');
  const type = m ? OBJECT_PATHS[m[1]!] : undefined;
  const id = (req.params as Record<string, unknown> | undefined)?.id;
  return type && typeof id === 'string' && UUID.test(id) ? { type, id } : null;
}

/**
 * preParsing: a write on such an object needs a login (401) and the right to open the object (its
 * reader's 404), whatever the body holds.
 */
async function assertObjectReadable(k: Kernel, req: FastifyRequest) {
  if (!WRITE.has(req.method)) return;
  const o = routeObject(req);
  const read = o && objectReaderFor(o.type);
  if (!o || !read) return;
  if (req.actor.kind === 'public') throw new AppError(401, 'UNAUTHENTICATED');
  await read(k, req.actor, o.id);
}

// Refusals already written by the code that refused (e.g. organization actions): not audited twice.
const audited = new WeakSet<object>();

export function markAudited(err: unknown) {
  if (err && typeof err === 'object') audited.add(err);
}

/**
 * AUD-01 and identity scenario 2: every refused write (403/404) by an authenticated actor, and
 * every API-key scope refusal, becomes a `denied` audit event, written outside the request's
 * rolled-back work. A 404 on an object that exists records CROSS_TENANT.
 */
async function auditRefusal(k: Kernel, req: FastifyRequest, err: unknown) {
  if (!(err instanceof AppError) || audited.has(err) || req.actor.kind === 'public') return;
  const scope = err.code === 'SCOPE_DENIED';
  if (!scope && !(WRITE.has(req.method) && (err.status === 403 || err.status === 404))) return;
  const t = scope && req.actor.apiKeyId ? { type: 'ApiKey', id: req.actor.apiKeyId } : targetOf(req, err);
  const known = t.type === 'Route' ? null : await lastStateChange(k, t.type, t.id);
  await recordAuditAlone(k.db, k.ledger, {
    action: `${req.method} ${req.routeOptions.url ?? '(no route)'}`,
    actor: req.actor,
    targetType: t.type,
    targetId: t.id,
    result: 'denied',
    reasonCode: err.status === 404 ? (known ? 'CROSS_TENANT' : 'NOT_FOUND') : err.code,
    jurisdictionId: known?.jurisdiction_id ?? null,
  });
  markAudited(err);
}

function targetOf(req: FastifyRequest, err: AppError): { type: string; id: string } {
  const { objectType, id } = err.details as { objectType?: unknown; id?: unknown };
  if (typeof objectType === 'string' && typeof id === 'string') return { type: objectType, id };
  return routeObject(req) ?? { type: 'Route', id: req.routeOptions.url ?? '(no route)' };
}

/** The object's latest state change, if it exists at all (audit-only entries, such as denials, carry no state). */
async function lastStateChange(k: Kernel, type: string, id: string) {
  const r = await sql<{ jurisdiction_id: string | null }>`SELECT jurisdiction_id FROM event
    WHERE object_type = ${type} AND object_id = ${id} AND to_state IS NOT NULL
    ORDER BY occurred_at DESC LIMIT 1`.execute(k.db);
  return r.rows[0] ?? null;
}

/** Installs the object guard (before the body) and the refusal audit (on every error). */
export function registerGuards(app: App, k: Kernel) {
  app.addHook('preParsing', async (req, _reply, payload) => {
    await assertObjectReadable(k, req);
    return payload;
  });
  app.addHook('onError', async (req, _reply, err) => {
    try {
      await auditRefusal(k, req, err);
    } catch (e) {
      req.log.error({ err: e }, 'could not audit a refusal');
    }
  });
}
