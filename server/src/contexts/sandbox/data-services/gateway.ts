import { randomUUID } from 'node:crypto';
import { recordAudit, recordAuditAlone, recordCreationAuditsAlone } from '../../../kernel/audit.js';
import { shanghaiDate } from '../../../kernel/calendar/calendar.js';
import { canonicalJson } from '../../../kernel/crypto/jcs.js';
import { hmacSm3 } from '../../../kernel/crypto/sm3.js';
import { uuidv7 } from '../../../kernel/ids.js';
import { defineAttestedTable } from '../../../kernel/ledger/attested.js';
import { AppError, notFound } from '../../../kernel/http/errors.js';
import { StatementLane } from '../../../kernel/db/lane.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { scopeDenied, type ApiKeyAuth } from '../../identity/service.js';
import { getGrantForUse } from '../../authorization/service.js';
import {
  countContractUsage,
  countSubjectCalls,
  getCallBasis,
  insertUsagesSql,
  type CallBasis,
} from '../../products/service.js';
import type { GrantKeys } from '../masking/methods.js';
import type { ServiceSpec } from '../model.js';
import * as store from '../store.js';
import { grantKeys } from '../usecases/masked-views.js';
import { validateParams } from './params.js';
import { blockCredential, isBlocked, keyOrdinal, trackSequence } from './enumeration.js';
import { enforceResponse, responseSchemaOf } from './response-schema.js';
import { buildRuntime, verify, type Runtime } from './runtime.js';

interface Loaded {
  row: store.ServiceRow;
  spec: ServiceSpec;
  keys: GrantKeys;
  runtime: Runtime;
  k: number;
}

// Warm state per approved service (issue 06): built once from the masked view, dropped on any template transition.
const runtimes = new Map<string, Promise<Loaded>>();
// SVC-02 facts are re-read at most every `sandbox.gatewayCacheSeconds`. A Grant transition drops its
// entries at once (invalidateGrantBasis, from the grant follower), and the Grant's validity dates are
// checked on every call, so suspension, revocation and expiry take effect on the next call (AUTH-18).
interface Basis {
  basis: CallBasis;
  grantState: string;
  grantScenario: string;
}
// Each Grant's validity dates, as last read with its call facts (AUTH-18, checked per call).
const grantPeriods = new Map<string, { from: string; to: string }>();
const basisCache = new Map<string, { at: number; grantId: string; basis: Promise<Basis> }>();
// Grant id → until when its facts are read fresh on every call: the transition that invalidated them
// may not have committed yet, and a read made before its commit must not be cached.
const freshUntil = new Map<string, number>();
// SVC-05/06 counters: seeded from usage_record on first use, then kept in step with each insert.
const counters = new Map<string, number>();

/** The warm runtime of a service, as the gateway answers from it (tests simulate a faulty runtime through it, SVC-08). */
export const runtimeOf = (id: string) => runtimes.get(id);

export function dropRuntime(id: string) {
  runtimes.delete(id);
}

/** Drops the cached call facts of every service on this Grant; the grant follower calls it inside each Grant transition. */
export function invalidateGrantBasis(k: Kernel, grantId: string) {
  for (const [key, e] of basisCache) if (e.grantId === grantId) basisCache.delete(key);
  freshUntil.set(grantId, Date.now() + k.profile.get<number>('sandbox.gatewayCacheSeconds') * 1000);
}

async function loadRuntime(k: Kernel, id: string): Promise<Loaded> {
  let p = runtimes.get(id);
  if (!p) {
    p = (async () => {
      const row = await store.getService(k.db, id);
      if (!row) throw notFound('DataServiceTemplate', id);
      const ws = (await store.getWorkspace(k.db, row.workspace_id))!;
      const grant = await getGrantForUse(k.db, row.grant_id);
      const kMin = Math.max(grant?.egressPolicy.minGroupSize ?? 0, k.profile.get<number>('egress.minGroupSize'));
      const keys = grantKeys(k, ws);
      const view = ws.views.find((v) => v.name === row.view_name)!;
      return {
        row,
        spec: row.spec as ServiceSpec,
        keys,
        runtime: await buildRuntime(row.spec, view, keys, kMin),
        k: kMin,
      };
    })();
    runtimes.set(id, p);
    p.catch(() => runtimes.delete(id));
  }
  return p;
}

/** Builds every active template's runtime at startup, so the first buyer call is not the slow one. */
export async function warmServices(k: Kernel) {
  for (const s of await store.listServicesByState(k.db, ['active'])) await loadRuntime(k, s.id).catch(() => undefined);
}

async function basisFor(k: Kernel, serviceId: string, orderId: string, grantId: string): Promise<Basis> {
  const key = `${serviceId}:${orderId}`;
  const hit = basisCache.get(key);
  if (hit && Date.now() - hit.at < k.profile.get<number>('sandbox.gatewayCacheSeconds') * 1000) return hit.basis;
  const fresh = (freshUntil.get(grantId) ?? 0) > Date.now();
  // One re-read per expiry, shared by every call that arrives meanwhile: without it each call
  // in flight at expiry issued its own two queries, and the pool's queue stalled them all
  // (p99 at 1,000 req/s, bench gateway.verify).
  const basis = (async () => {
    const [basis, grant] = await Promise.all([getCallBasis(k.db, serviceId, orderId), getGrantForUse(k.db, grantId)]);
    if (grant) grantPeriods.set(grantId, { from: grant.validFrom, to: grant.validTo });
    return { basis, grantState: grant?.state ?? 'missing', grantScenario: grant?.scenarioApplicationId ?? '' };
  })();
  if (!fresh) basisCache.set(key, { at: Date.now(), grantId, basis });
  basis.catch(() => {
    if (basisCache.get(key)?.basis === basis) basisCache.delete(key);
  });
  return basis;
}

// First use of a counter loads it once, however many calls arrive meanwhile: calls that each
// loaded and set it would overwrite one another's increments (SVC-05).
const loading = new Map<string, Promise<unknown>>();
async function counter(key: string, load: () => Promise<number>): Promise<void> {
  if (counters.has(key)) return;
  let p = loading.get(key);
  if (!p) {
    p = load()
      .then((n) => {
        if (!counters.has(key)) counters.set(key, n);
      })
      .finally(() => loading.delete(key));
    loading.set(key, p);
  }
  await p;
}

// SVC-06: a buyer's per-subject counts for one day are loaded once (one grouped query), then kept in memory.
const subjectDays = new Map<string, Promise<Map<string, number>>>();
async function loadSubjectDay(k: Kernel, buyer: string, day: string): Promise<Map<string, number>> {
  let p = subjectDays.get(`${buyer}:${day}`);
  if (!p) {
    p = countSubjectCalls(k.db, buyer, day);
    subjectDays.set(`${buyer}:${day}`, p);
  }
  return p;
}

// LED-11: each gateway UsageRecord is attested by its first audit entry (written in the same
// statement, writeBatch); `ledger audit` finds a changed, deleted or inserted metering row.
defineAttestedTable({
  objectType: 'UsageRecord',
  table: 'usage_record',
  where: "meter = 'gateway'",
  since: 'occurred_at',
  fields: { templateId: 'template_id', contractId: 'contract_id', inputHmac: 'input_hmac', outcome: 'outcome' },
});

/**
 * KEY-01 (identity scenario 5): the key must name, with this action, an order for THIS service's
 * product. A key whose orders are for other services is outside its scope: 403 SCOPE_DENIED,
 * audited as `denied` by the HTTP refusal audit (0058).
 */
async function scopedBasis(
  k: Kernel,
  auth: ApiKeyAuth,
  serviceId: string,
  grantId: string,
  action: string,
): Promise<Basis> {
  for (const s of auth.scopes) {
    if (s.objectType !== 'order' || !s.actions.includes(action)) continue;
    const b = await basisFor(k, serviceId, s.objectId, grantId);
    if (b.basis.order && b.basis.product && b.basis.order.productId === b.basis.product.id) return b;
  }
  throw scopeDenied('DataServiceTemplate', serviceId);
}

const notAuthorized = (reason: string, status = 403) =>
  new AppError(status, 'CALL_NOT_AUTHORIZED', { reason }, { ruleId: 'SVC-02' });

/**
 * POST /services/{id}/call (SVC-02..08): credential and scope → contract, template and Grant →
 * typed parameters → quotas and per-subject cap → answer from the warm runtime → UsageRecord
 * and audit entry (inputs only as HMAC-SM3) in one transaction. Raw rows are never returned.
 */
export async function callService(
  k: Kernel,
  auth: ApiKeyAuth | undefined,
  actor: Actor,
  serviceId: string,
  body: Record<string, unknown>,
) {
  const t0 = performance.now();
  if (!auth) throw notAuthorized('credential', 401);
  const svc = await loadRuntime(k, serviceId);
  const action = svc.spec.kind === 'verification' ? 'data.verify' : 'data.query';
  const { basis, grantState, grantScenario } = await scopedBasis(k, auth, serviceId, svc.row.grant_id, action);
  const c = basis.contract;
  const today = shanghaiDate(k.clock.now());
  if (
    !basis.product ||
    !c ||
    !basis.order ||
    c.productId !== basis.product.id ||
    c.buyerOrgId !== actor.orgId ||
    basis.order.buyerOrgId !== actor.orgId
  )
    throw notAuthorized('contract');
  if (c.state !== 'active' || today < c.termFrom || today > c.termTo) throw notAuthorized('contract_inactive');
  if (basis.product.scenarioApplicationId && grantScenario && basis.product.scenarioApplicationId !== grantScenario)
    throw notAuthorized('scenario');
  if (grantState === 'suspended') throw new AppError(409, 'GRANT_SUSPENDED', {}, { ruleId: 'SVC-02' });
  if (grantState !== 'active') throw notAuthorized('grant');
  // AUTH-18: past its end date the Grant is refused at once, not when the expiry job next runs.
  const period = grantPeriods.get(svc.row.grant_id);
  if (!period || today < period.from) throw notAuthorized('grant');
  if (today > period.to) throw new AppError(409, 'GRANT_EXPIRED', { validTo: period.to }, { ruleId: 'AUTH-18' });
  const rt = await loadRuntimeState(k, serviceId);
  if (rt !== 'active') throw notAuthorized('template_not_active', 409);
  if (await isBlocked(k, auth.keyId)) throw notAuthorized('enumeration_alarm');
  const input = validateParams(svc.spec, body);
  const subjectP = svc.spec.kind === 'verification' ? svc.spec.params.find((p) => p.type !== 'text') : undefined;
  if (
    subjectP &&
    trackSequence(
      auth.keyId,
      keyOrdinal(subjectP.type, input[subjectP.name]!),
      k.clock.now().getTime(),
      k.profile.get<number>('service.verify.sequentialAlarmCount'),
    )
  ) {
    await blockCredential(k, actor, auth.keyId, serviceId);
    throw notAuthorized('enumeration_alarm');
  }
  const inputHmac = hmacSm3(k.secrets.derivationKey, `svc-input:${canonicalJson(input)}`).toString('hex');
  const subjectParam = svc.spec.kind === 'verification' ? svc.spec.params.find((p) => p.type !== 'text') : undefined;
  const subjectHmac = subjectParam
    ? hmacSm3(k.secrets.derivationKey, `svc-subject:${input[subjectParam.name]}`).toString('hex')
    : null;
  const month = today.slice(0, 7);
  const dayKey = `d:${c.id}:${today}`;
  const monthKey = `m:${c.id}:${month}`;
  const subjKey = subjectHmac ? `s:${actor.orgId}:${subjectHmac}:${today}` : null;
  await counter(dayKey, () => countContractUsage(k.db, c.id, today, today));
  await counter(monthKey, () => countContractUsage(k.db, c.id, `${month}-01`, `${month}-31`));
  const subjectDay = subjKey ? await loadSubjectDay(k, actor.orgId!, today) : null;
  // No await from here to the increments below: the quota check and the count are one step,
  // so concurrent calls cannot all pass on the same remaining quota (SVC-05/06).
  const used = counters.get(dayKey)!;
  const usedMonth = counters.get(monthKey)!;
  const perSubject = subjKey ? (counters.get(subjKey) ?? subjectDay!.get(subjectHmac!) ?? 0) : 0;
  const meter = { k, svc, c, auth, actor, inputHmac, subjectHmac, today, t0, idempotencyKey: randomUUID() };
  if (used >= c.quotaPerDay || usedMonth >= c.quotaPerMonth) {
    await recordCall(meter, 'rejected_quota', 'QUOTA_EXCEEDED');
    throw new AppError(
      429,
      'QUOTA_EXCEEDED',
      { period: used >= c.quotaPerDay ? 'day' : 'month' },
      { ruleId: 'SVC-05' },
    );
  }
  const maxPerSubject = k.profile.get<number>('service.verify.maxPerSubjectPerDay');
  if (subjKey && perSubject >= maxPerSubject) {
    await recordCall(meter, 'rejected_quota', 'SUBJECT_RATE_LIMIT');
    throw new AppError(429, 'SUBJECT_RATE_LIMIT', { max: maxPerSubject }, { ruleId: 'SVC-06' });
  }
  const { body: response, dropped } = answer(k, svc, input);
  counters.set(dayKey, used + 1);
  counters.set(monthKey, usedMonth + 1);
  if (subjKey) counters.set(subjKey, perSubject + 1);
  await auditDropped(k, actor, svc, dropped);
  await recordCall(meter, 'billable', null);
  return response;
}

/**
 * The operator's test console: a seat holder of the template's Workspace runs it with sample
 * parameters before (or after) approval. Same validation and answer shape; audited, not metered.
 */
export async function testService(k: Kernel, actor: Actor, serviceId: string, body: Record<string, unknown>) {
  const svc = await loadRuntime(k, serviceId);
  const ws = await store.getWorkspace(k.db, svc.row.workspace_id);
  if (!ws || ws.holder_org_id !== actor.orgId || !ws.seats.some((s) => s.userId === actor.userId))
    throw notFound('DataServiceTemplate', serviceId);
  const input = validateParams(svc.spec, body);
  const { body: response, dropped } = answer(k, svc, input);
  await auditDropped(k, actor, svc, dropped);
  await k.db.transaction().execute((trx) =>
    recordAudit(trx, k.ledger, {
      action: 'service.test',
      actor,
      targetType: 'DataServiceTemplate',
      targetId: serviceId,
      result: 'success',
      after: { inputHmac: hmacSm3(k.secrets.derivationKey, `svc-input:${canonicalJson(input)}`).toString('hex') },
    }),
  );
  return response;
}

// The template's state is part of the warm runtime; a transition drops it, so this stays current.
async function loadRuntimeState(k: Kernel, id: string) {
  return (await loadRuntime(k, id)).row.state as string;
}

/**
 * SVC-04/08: the answer within service.maxResponseBytes, then validated against the template's
 * output schema; anything outside is dropped and, when there was any, audited by path (never values).
 */
function answer(k: Kernel, svc: Loaded, input: Record<string, string>) {
  // Synchronous on purpose: callService checks the quota and counts the call with no await in between (SVC-05).
  return enforceResponse(
    responseSchemaOf(svc.spec),
    rawAnswer(svc, input, k.profile.get<number>('service.maxResponseBytes')),
  );
}

/** SVC-08: what the schema dropped is audited by path, never by value. */
async function auditDropped(k: Kernel, actor: Actor, svc: Loaded, dropped: string[]) {
  if (dropped.length)
    await recordAuditAlone(k.db, k.ledger, {
      action: 'service.response_dropped',
      actor,
      targetType: 'DataServiceTemplate',
      targetId: svc.row.id,
      result: 'success',
      reasonCode: 'SVC-08',
      jurisdictionId: svc.row.jurisdiction_id,
      after: { dropped: dropped.slice(0, 50) },
    });
}

function rawAnswer(svc: Loaded, input: Record<string, string>, maxBytes: number): Record<string, unknown> {
  if (svc.runtime.kind === 'verification' && svc.spec.kind === 'verification')
    return { result: verify(svc.runtime, svc.spec, input, svc.keys) };
  if (svc.runtime.kind !== 'statistics' || svc.spec.kind !== 'statistics')
    throw new AppError(500, 'TEMPLATE_INVALID', { detail: 'kind' });
  const f = svc.spec.filterParam;
  const rows = f && input[f.name] !== undefined ? (svc.runtime.byFilter.get(input[f.name]!) ?? []) : svc.runtime.rows;
  const clean = rows;
  const out = { rows: clean };
  if (Buffer.byteLength(JSON.stringify(out)) > maxBytes)
    return {
      rows: clean.slice(
        0,
        Math.max(1, Math.floor((clean.length * maxBytes) / Buffer.byteLength(JSON.stringify(out))) - 1),
      ),
      truncated: true,
    };
  return out;
}

interface Meter {
  k: Kernel;
  svc: Loaded;
  c: NonNullable<CallBasis['contract']>;
  auth: ApiKeyAuth;
  actor: Actor;
  inputHmac: string;
  subjectHmac: string | null;
  today: string;
  t0: number;
  idempotencyKey: string;
}

/**
 * SVC-07: one UsageRecord and one audit entry per call, inputs only as HMAC-SM3. Writes are
 * group-committed: calls that arrive within one event-loop turn share a batch, and each call
 * answers only after its own records are committed (nothing is metered "later"). A batch is
 * ONE autocommit statement (usage rows and their audit entries, atomic together); each audit
 * entry is the first entry of its UsageRecord, so batches never contend and up to
 * `sandbox.gatewayWriters` of them are in flight at once (0055).
 */
function recordCall(m: Meter, outcome: string, reasonCode: string | null): Promise<void> {
  return new Promise((resolve, reject) => {
    pending.push({ m, outcome, reasonCode, at: m.k.clock.now(), latency: performance.now() - m.t0, resolve, reject });
    startWriter(m.k);
  });
}

interface PendingCall {
  m: Meter;
  outcome: string;
  reasonCode: string | null;
  at: Date;
  latency: number;
  resolve: () => void;
  reject: (e: unknown) => void;
}
const pending: PendingCall[] = [];
let writers = 0;

function startWriter(k: Kernel) {
  const max = k.profile.get<Record<string, number>>('sandbox.gatewayWriters')[k.database.kind]!;
  if (writers >= max || pending.length === 0) return;
  writers++;
  // One event-loop turn first, so the calls that are mid-way through the HTTP pipeline join
  // the batch (PGlite answers within microtasks; bench gateway.verify).
  setImmediate(() => {
    void writeBatch(k, pending.splice(0, 256)).finally(() => {
      writers--;
      startWriter(k);
    });
  });
}

// Batches are sealed as they form but written one (`sandbox.gatewayStatements`) at a time (decision 0106).
const lanes = new WeakMap<Kernel, StatementLane>();
function statementLane(k: Kernel) {
  let lane = lanes.get(k);
  if (!lane) {
    const width = () => k.profile.get<Record<string, number>>('sandbox.gatewayStatements')[k.database.kind]!;
    lanes.set(k, (lane = new StatementLane(width)));
  }
  return lane;
}

async function writeBatch(k: Kernel, batch: PendingCall[]) {
  if (!batch.length) return;
  try {
    const usages = batch.map(({ m, outcome, at, latency }) => ({
      // Time-ordered ids append to the primary-key index instead of splitting random pages (issue 20).
      id: uuidv7(at.getTime()),
      contract_id: m.c.id,
      order_id: null,
      meter: 'gateway',
      idempotency_key: m.idempotencyKey,
      outcome,
      buyer_org_id: m.actor.orgId ?? null,
      api_key_id: m.auth.keyId,
      template_id: m.svc.row.id,
      template_version: m.svc.row.template_version,
      input_hmac: m.inputHmac,
      subject_hmac: m.subjectHmac,
      latency_ms: latency,
      shanghai_day: m.today,
      occurred_at: at,
    }));
    await recordCreationAuditsAlone(
      k.database,
      k.ledger,
      batch.map(({ m, outcome, reasonCode }, i) => ({
        action: 'service.call',
        actor: m.actor,
        targetType: 'UsageRecord',
        targetId: usages[i]!.id,
        result: reasonCode ? ('denied' as const) : ('success' as const),
        reasonCode,
        after: { templateId: m.svc.row.id, contractId: m.c.id, inputHmac: m.inputHmac, outcome },
      })),
      k.clock.now(),
      [insertUsagesSql(usages)],
      statementLane(k),
    );
    for (const p of batch) p.resolve();
  } catch (e) {
    for (const p of batch) p.reject(e);
  }
}
