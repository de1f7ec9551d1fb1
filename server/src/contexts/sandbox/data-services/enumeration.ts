import { recordAudit } from '../../../kernel/audit.js';
import { notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { assertAuthorized } from '../../../kernel/workflow/authorize.js';
import * as store from '../store.js';

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** The non-check part of a subject key as a number: 17 digits (ID) or 17 base-31 characters (USCC). */
export function keyOrdinal(type: string, v: string): bigint | null {
  const body = v.slice(0, 17);
  if (type === 'id_number') return /^\d{17}$/.test(body) ? BigInt(body) : null;
  if (type !== 'uscc') return null;
  let n = 0n;
  for (const c of body) {
    const d = USCC_CHARS.indexOf(c);
    if (d < 0) return null;
    n = n * 31n + BigInt(d);
  }
  return n;
}

interface Run {
  last: bigint;
  length: number;
  startedAt: number;
}
const runs = new Map<string, Run>();
const blocked = new Map<string, Promise<boolean>>();

/** SVC-06: M calls within an hour whose keys go up by one each raise the alarm. Pure bookkeeping per credential. */
export function trackSequence(keyId: string, ordinal: bigint | null, nowMs: number, alarmAt: number): boolean {
  if (ordinal === null) return false;
  const r = runs.get(keyId);
  if (r && ordinal === r.last + 1n && nowMs - r.startedAt <= 3_600_000) {
    r.last = ordinal;
    r.length++;
  } else runs.set(keyId, { last: ordinal, length: 1, startedAt: nowMs });
  return runs.get(keyId)!.length >= alarmAt;
}

export function isBlocked(k: Kernel, keyId: string): Promise<boolean> {
  let p = blocked.get(keyId);
  if (!p) {
    p = store.countOpenKeyBlocks(k.db, keyId).then((n) => n > 0);
    blocked.set(keyId, p);
  }
  return p;
}

/** Blocks the credential and records the alarm for the authority (audit log, with the service as target). */
export async function blockCredential(k: Kernel, actor: Actor, keyId: string, serviceId: string) {
  blocked.set(keyId, Promise.resolve(true));
  runs.delete(keyId);
  await k.db.transaction().execute(async (trx) => {
    await store.upsertKeyBlock(trx, keyId, actor.orgId ?? null, serviceId);
    await recordAudit(trx, k.ledger, {
      action: 'service.enumeration_alarm',
      actor,
      targetType: 'DataServiceTemplate',
      targetId: serviceId,
      result: 'denied',
      reasonCode: 'SVC-06',
    });
  });
}

/** The authority reviews an alarm and releases the credential (a reviewer of the service's jurisdiction). */
export async function releaseCredential(k: Kernel, actor: Actor, keyId: string) {
  const b = await store.getOpenKeyBlock(k.db, keyId);
  if (!b) throw notFound('KeyBlock', keyId);
  const s = await store.getService(k.db, b.service_id);
  if (!s) throw notFound('KeyBlock', keyId);
  assertAuthorized(
    actor,
    'service.approve',
    {
      type: 'DataServiceTemplate',
      id: s.id,
      jurisdictionId: s.jurisdiction_id,
      jurisdictionPath: s.jurisdiction_path,
      ownerOrgId: s.operator_org_id,
    },
    k.clock.now(),
    k.profile,
  );
  await k.db.transaction().execute(async (trx) => {
    await store.releaseKeyBlock(trx, keyId, actor.userId ?? null);
    await recordAudit(trx, k.ledger, {
      action: 'service.enumeration_release',
      actor,
      targetType: 'DataServiceTemplate',
      targetId: s.id,
      result: 'success',
    });
  });
  blocked.set(keyId, Promise.resolve(false));
  return { apiKeyId: keyId, released: true };
}
