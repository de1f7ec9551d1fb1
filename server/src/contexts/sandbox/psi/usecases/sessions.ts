import { randomUUID } from 'node:crypto';
import { shanghaiDate } from '../../../../kernel/calendar/calendar.js';
import { hmacSm3 } from '../../../../kernel/crypto/sm3.js';
import { AppError, notFound, ruleError } from '../../../../kernel/http/errors.js';
import type { Kernel } from '../../../../kernel/kernel.js';
import { systemActor, type Actor } from '../../../../kernel/workflow/actor.js';
import { runRules } from '../../../../kernel/workflow/rules.js';
import { transition } from '../../../../kernel/workflow/transition.js';
import { insertUsagesSql } from '../../../products/service.js';
import { datasetPoints } from '../dataset.js';
import { psiSessionLifecycle } from '../lifecycle.js';
import { absorb, destroyLive, getLive, openLive, shuffle, sketchOf, symmetricDifference, type Live } from '../live.js';
import { PSI_04_DIFFERENCING, type PsiOpenFacts } from '../rules.js';
import * as store from '../store.js';
import { psiTargets } from '../target.js';

const subject = (s: { id: string; buyer_org_id: string; jurisdiction_id: string | null }) => ({
  type: 'PsiSession',
  id: s.id,
  ownerOrgId: s.buyer_org_id,
  jurisdictionId: s.jurisdiction_id,
});

/** The services this buyer may run PSI against, with its sessions left today (PSI-01, PSI-04). */
export async function listServices(k: Kernel, actor: Actor) {
  const today = shanghaiDate(k.clock.now());
  const cap = k.profile.get<number>('psi.maxSessionsPerDay');
  const items = [];
  for (const t of await psiTargets(k, actor)) {
    if (!t.contract.active || !t.grant.psi.allowed) continue;
    const used = await store.countSessionsOfDay(k.db, actor.orgId!, t.service.id, today);
    items.push({ target: t, left: Math.max(0, cap - used) });
  }
  return items;
}

/**
 * POST /psi-sessions: PSI-01 (Grant and Contract), PSI-04 (size, daily cap), then a fresh scalar and the shuffled
 * blinded set (PSI-03); the session's event, LedgerEntry and UsageRecord are one transaction (PSI-05).
 */
export async function openSession(
  k: Kernel,
  actor: Actor,
  input: { serviceId: string; mode: 'cardinality' | 'membership'; listSize: number },
) {
  await expireStale(k);
  const t = (await psiTargets(k, actor)).find((x) => x.service.id === input.serviceId);
  if (!t) throw notFound('DataServiceTemplate', input.serviceId);
  const now = k.clock.now();
  const today = shanghaiDate(now);
  const facts: PsiOpenFacts = {
    psiAllowed: t.grant.psi.allowed,
    membershipAllowed: t.modes.includes('membership'),
    contractActive: t.contract.active,
    grantActive: t.grant.state === 'active',
    mode: input.mode,
    listSize: input.listSize,
    sessionsToday: await store.countSessionsOfDay(k.db, actor.orgId!, t.service.id, today),
  };
  const id = randomUUID();
  const hashed = await datasetPoints(t.view, t.field, t.identifierType);
  const sketchKey = hmacSm3(k.secrets.derivationKey, `psi-sketch:${actor.orgId}:${t.service.id}`);
  const values = {
    id,
    buyer_org_id: actor.orgId!,
    user_id: actor.userId!,
    service_id: t.service.id,
    contract_id: t.contract.id,
    grant_id: t.grant.id,
    jurisdiction_id: t.service.jurisdiction_id,
    dataset_field: t.field,
    identifier_type: t.identifierType,
    curve: k.profile.get<string>('psi.curve'),
    mode: input.mode,
    buyer_list_size: input.listSize,
    platform_set_size: hashed.length,
    shanghai_day: today,
    expires_at: new Date(now.getTime() + k.profile.get<number>('psi.sessionHours') * 3600_000),
  };
  await k.db.transaction().execute(async (trx) => {
    await transition(trx, k.workflow, {
      lifecycle: psiSessionLifecycle,
      action: 'open',
      actor,
      object: null,
      subject: { type: 'PsiSession', ownerOrgId: actor.orgId, jurisdictionId: t.service.jurisdiction_id },
      facts,
      values,
      payload: { serviceId: t.service.id, mode: input.mode, buyerListSize: input.listSize },
    });
    await insertUsagesSql([
      {
        id: randomUUID(),
        contract_id: t.contract.id,
        order_id: t.contract.orderId,
        meter: 'psi',
        idempotency_key: `psi:${id}`,
        outcome: 'billable',
        buyer_org_id: actor.orgId!,
        api_key_id: null,
        template_id: t.service.id,
        template_version: t.service.template_version,
        input_hmac: null,
        subject_hmac: null,
        latency_ms: 0,
        shanghai_day: today,
        occurred_at: now,
      },
    ]).execute(trx);
  });
  openLive(id, { listSize: input.listSize, mode: input.mode, hashed, sketchKey });
  return sessionFor(k, actor, id);
}

/** The buyer's own session, or 404 (a stranger learns nothing of it). */
export async function sessionFor(k: Kernel, actor: Actor, id: string) {
  const s = await store.getSession(k.db, id);
  if (!s || s.buyer_org_id !== actor.orgId) throw notFound('PsiSession', id);
  return s;
}

/** An open session with its in-memory state; one past its clock, or whose key was lost, expires here. */
async function openLiveFor(k: Kernel, actor: Actor, id: string): Promise<Live> {
  const s = await sessionFor(k, actor, id);
  if (s.state !== 'open') throw new AppError(409, 'PSI_SESSION_NOT_OPEN', { state: s.state });
  const l = getLive(id);
  if (!l || s.expires_at.getTime() <= k.clock.now().getTime()) {
    await end(k, systemActorOf(actor), s, 'expire');
    throw new AppError(409, 'PSI_SESSION_NOT_OPEN', { state: 'expired' });
  }
  return l;
}

/**
 * POST /psi-sessions/{id}/blinded: the buyer's a·H(x) in order, chunk by chunk. When the list is complete, the
 * cardinality differencing guard runs (PSI-04) and D is shuffled (PSI-03); nothing is answered before that.
 */
export async function uploadBlinded(k: Kernel, actor: Actor, id: string, body: { offset: number; items: string[] }) {
  const l = await openLiveFor(k, actor, id);
  if (l.complete || body.offset !== l.doubled.length)
    throw new AppError(409, 'PSI_UPLOAD_ORDER', { expected: l.doubled.length });
  if (body.offset + body.items.length > l.listSize)
    throw new AppError(422, 'PSI_UPLOAD_OVERFLOW', { size: l.listSize });
  const before = l.doubled.length;
  const bad = absorb(l, body.items);
  if (bad >= 0) {
    l.doubled.length = before;
    l.tags.length = before;
    throw new AppError(422, 'PSI_POINT_INVALID', { index: body.offset + bad });
  }
  if (l.doubled.length === l.listSize) await complete(k, actor, id, l);
  return { received: l.doubled.length, complete: l.complete };
}

async function complete(k: Kernel, actor: Actor, id: string, l: Live) {
  if (l.mode === 'cardinality') {
    const s = await sessionFor(k, actor, id);
    const sketch = sketchOf(l.tags);
    const earlier = await store.listSketches(k.db, s.buyer_org_id, s.service_id);
    const kMin = Math.max(k.profile.get<number>('egress.minGroupSize'), (await psiK(k, actor, s.service_id)) ?? 0);
    const { failures } = runRules(
      [PSI_04_DIFFERENCING],
      { k: kMin, differences: earlier.map((e) => symmetricDifference(sketch, e.tags)) },
      k.profile,
    );
    if (failures.length) {
      await end(k, actor, s, 'refuse', 'PSI_DIFFERENCING');
      throw ruleError(failures, failures[0]!.status);
    }
    await store.insertSketch(k.db, {
      session_id: id,
      buyer_org_id: s.buyer_org_id,
      service_id: s.service_id,
      tags: sketch,
    });
    shuffle(l.doubled);
  }
  l.tags.length = 0;
  l.complete = true;
}

async function psiK(k: Kernel, actor: Actor, serviceId: string) {
  return (await psiTargets(k, actor)).find((t) => t.service.id === serviceId)?.grant.egressPolicy.minGroupSize;
}

/** GET …/platform-set and …/double-blinded: pages of points, only to the buyer (PSI-05). */
export async function pagePoints(
  k: Kernel,
  actor: Actor,
  id: string,
  which: 'platform' | 'doubled',
  page: { offset: number; limit: number },
) {
  const l = await openLiveFor(k, actor, id);
  if (which === 'doubled' && !l.complete) throw new AppError(409, 'PSI_NOT_READY', {});
  const all = which === 'platform' ? l.platformSet : l.doubled;
  return { items: all.slice(page.offset, page.offset + page.limit), total: all.length };
}

/** POST …/close: the key is destroyed and the session closed (PSI-03); closing twice is a no-op answer. */
export async function closeSession(k: Kernel, actor: Actor, id: string) {
  const s = await sessionFor(k, actor, id);
  if (s.state === 'open') await end(k, actor, s, 'close');
  return sessionFor(k, actor, id);
}

async function end(
  k: Kernel,
  actor: Actor,
  s: store.PsiSessionRow,
  action: 'close' | 'refuse' | 'expire',
  code?: string,
) {
  const l = getLive(s.id);
  const received = l?.doubled.length ?? s.received;
  destroyLive(s.id);
  await k.db.transaction().execute(async (trx) => {
    const row = await store.getSession(trx, s.id, true);
    if (!row || row.state !== 'open') return;
    await transition(trx, k.workflow, {
      lifecycle: psiSessionLifecycle,
      action,
      actor,
      object: row,
      subject: subject(row),
      values: { key_destroyed_at: k.clock.now(), received, ...(code ? { reject_code: code } : {}) },
    });
  });
}

const SYSTEM = systemActor('psi-expiry');
const systemActorOf = (_a: Actor): Actor => SYSTEM;

/** sandbox.md clocks: open sessions past psi.sessionHours (or left without a key by a restart) expire. */
export async function expireStale(k: Kernel) {
  for (const s of await store.listOpenExpired(k.db, k.clock.now())) await end(k, SYSTEM, s, 'expire');
}
