import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { shanghaiDate } from '../../../kernel/calendar/calendar.js';
import { sm3Hex } from '../../../kernel/crypto/sm3.js';
import { openPayloadWith } from '../../../kernel/crypto/keyring.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { appendEvent, logIdFor } from '../../../kernel/ledger/append.js';
import { actorRef, systemActor, type Actor } from '../../../kernel/workflow/actor.js';
import { accessLogSeals } from '../store.js';

/**
 * LED-21 read-access logs: who viewed or downloaded what, appended to one file per Shanghai
 * day; each past day is sealed by an `AccessLog.sealed` entry (audit log, kept forever as
 * `ledger_header`) carrying the file's SM3. The files follow `access_log` retention.
 */
export const accessLogDir = (k: Kernel) => join(k.dataDir, 'access-logs');
const fileFor = (k: Kernel, date: string) => join(accessLogDir(k), `${date}.jsonl`);

export function recordAccess(
  k: Kernel,
  actor: Actor,
  what: { action: 'view' | 'download'; objectType: string; objectId: string },
) {
  const now = k.clock.now();
  mkdirSync(accessLogDir(k), { recursive: true });
  const line = JSON.stringify({ at: now.toISOString(), ...actorRef(actor), ip: actor.ip ?? null, ...what });
  appendFileSync(fileFor(k, shanghaiDate(now)), `${line}\n`, { flag: 'a' });
}

async function sealedDigest(k: Kernel, date: string): Promise<string | null> {
  const r = (await accessLogSeals(k.db, logIdFor(k.ledger, 'audit'), date))[0];
  if (!r) return null;
  if (!r.payload_enc || !r.payload_key_enc) return '';
  const payload = openPayloadWith<{ sm3?: unknown }>(k.secrets.masterKeys, r.payload_key_enc, r.payload_enc);
  return String(payload.sm3);
}

/** Seals one day's file once (idempotent); returns the SM3 or null when there is no file. */
export async function sealAccessLog(k: Kernel, date: string): Promise<string | null> {
  const file = fileFor(k, date);
  if (!existsSync(file)) return null;
  const existing = await sealedDigest(k, date);
  if (existing !== null) return existing;
  const bytes = readFileSync(file);
  const digest = sm3Hex(bytes);
  await k.db.transaction().execute((trx) =>
    appendEvent(trx, k.ledger, {
      log: 'audit',
      objectType: 'AccessLog',
      objectId: date,
      eventType: 'AccessLog.sealed',
      action: 'seal',
      fromState: null,
      toState: 'sealed',
      actor: actorRef(systemActor('access-log-seal')),
      retentionClass: 'ledger_header',
      payload: {
        date,
        sm3: digest,
        bytes: bytes.length,
        lines: bytes.toString('utf8').split('\n').filter(Boolean).length,
      },
      input: { date, sm3: digest },
    }),
  );
  return digest;
}

/** Seals every past day that is not sealed yet (the daily task). */
export async function sealPastAccessLogs(k: Kernel): Promise<string[]> {
  const today = shanghaiDate(k.clock.now());
  const dir = accessLogDir(k);
  if (!existsSync(dir)) return [];
  const { readdirSync } = await import('node:fs');
  const days = readdirSync(dir)
    .map((f) => /^(\d{4}-\d{2}-\d{2})\.jsonl$/.exec(f)?.[1])
    .filter((d): d is string => !!d && d < today)
    .sort();
  for (const d of days) await sealAccessLog(k, d);
  return days;
}

/** For the tamper audit: sealed files still present must hash to their seal. */
export async function checkAccessLogSeals(k: Kernel): Promise<Array<{ date: string; detail: string }>> {
  const rows = await accessLogSeals(k.db, logIdFor(k.ledger, 'audit'));
  const out: Array<{ date: string; detail: string }> = [];
  for (const r of rows) {
    const file = fileFor(k, r.object_id);
    if (!existsSync(file)) continue; // deleted after retention: the seal stays (LED-21)
    const sealed = await sealedDigest(k, r.object_id);
    if (sealed && sm3Hex(readFileSync(file)) !== sealed)
      out.push({ date: r.object_id, detail: `access-log file ${r.object_id} differs from its AccessLog.sealed SM3` });
  }
  return out;
}
