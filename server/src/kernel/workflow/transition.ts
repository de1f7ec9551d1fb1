import { sql } from 'kysely';
import { looseTables, type Tx } from '../db/tables.js';
import { AppError, ruleError } from '../http/errors.js';
import { appendEvent, appendEvents, type EventInput, type LedgerConfig } from '../ledger/append.js';
import type { Profile } from '../profiles/index.js';
import type { Clock } from '../clock.js';
import { actorRef, type Actor, type ActorRef } from './actor.js';
import { authorize, type Subject } from './authorize.js';
import { NEW, retentionClassOf, type LifecycleDef } from './lifecycle.js';
import { runRules } from './rules.js';

/** Kernel services the transition needs. `fault` lets tests crash it between writes. */
export interface WorkflowDeps {
  ledger: LedgerConfig;
  clock: Clock;
  profile: Profile;
  fault?: (stage: 'after_state_write' | 'after_event_write') => void;
}

export interface StatefulRow {
  id: string;
  state: string;
  version: number;
}

export interface TransitionRequest<F> {
  lifecycle: LifecycleDef;
  action: string;
  actor: Actor;
  /** The current row (locked FOR UPDATE by the service), or null to create it. */
  object: StatefulRow | null;
  subject: Subject;
  facts?: F;
  input?: unknown;
  /** Columns to write with the new state (the whole row when creating; needs `id`). */
  values?: Record<string, unknown>;
  /** Jurisdiction recorded on the event (defaults to the subject's). */
  jurisdictionId?: string | null;
  payload?: unknown;
  /** Profile to check rules with (defaults to the deployment profile). */
  profile?: Profile;
}

export interface TransitionResult {
  id: string;
  state: string;
  version: number;
  eventId: string;
  from: string;
}

/**
 * The one way state changes (architecture §4): state check → permission → rules →
 * state write (optimistic version) → event + ledger-queue row, all in `trx`.
 */
export async function transition<F>(trx: Tx, deps: WorkflowDeps, r: TransitionRequest<F>): Promise<TransitionResult> {
  const c = check(deps, r);
  const version = await writeState(trx, r.lifecycle.table, r.object, c.to, c.id, r.values ?? {});
  deps.fault?.('after_state_write');
  const ev = await appendEvent(trx, deps.ledger, eventOf(c, version));
  deps.fault?.('after_event_write');
  return { id: c.id, state: c.to, version, eventId: ev.eventId, from: c.from };
}

/**
 * Many transitions in one transaction, checked one by one exactly as `transition` checks
 * them (any refusal refuses the batch), then written in a few statements: one multi-row
 * INSERT per table for creations, and all events and ledger-queue rows through
 * `appendEvents` (two round trips whatever the count). This is the batching the ledger
 * bench's bar assumes (performance.md ledger.append; decision 0054); bulk imports can use it.
 */
export async function transitionMany<F>(
  trx: Tx,
  deps: WorkflowDeps,
  reqs: TransitionRequest<F>[],
): Promise<TransitionResult[]> {
  const checked = reqs.map((r) => check(deps, r));
  const versions = await writeStates(trx, reqs, checked);
  deps.fault?.('after_state_write');
  // One actor reference per actor: the ledger canonicalizes a shared actor object once per batch.
  const refs = new Map<Actor, ActorRef>();
  const refOf = (a: Actor) => refs.get(a) ?? refs.set(a, actorRef(a)).get(a)!;
  const evs = await appendEvents(
    trx,
    deps.ledger,
    checked.map((c, i) => eventOf(c, versions[i]!, refOf(c.r.actor))),
  );
  deps.fault?.('after_event_write');
  return checked.map((c, i) => ({
    id: c.id,
    state: c.to,
    version: versions[i]!,
    eventId: evs[i]!.eventId,
    from: c.from,
  }));
}

interface Checked {
  r: TransitionRequest<unknown>;
  id: string;
  from: string;
  to: string;
  eventType: string;
  results: unknown[];
}

/** State, permission and rule checks of one request; throws the refusal. */
function check<F>(deps: WorkflowDeps, r: TransitionRequest<F>): Checked {
  const def = r.lifecycle.transitions[r.action];
  if (!def) throw new AppError(409, 'INVALID_TRANSITION', { action: r.action, from: r.object?.state ?? NEW });
  const from = r.object?.state ?? NEW;
  const profile = r.profile ?? deps.profile;
  const decision = authorize(r.actor, def.permission, r.subject, deps.clock.now(), profile);
  if (!decision.allowed)
    throw new AppError(decision.status, decision.code, decision.params ?? {}, { permission: def.permission });
  if (!def.from.includes(from)) throw new AppError(409, 'INVALID_TRANSITION', { action: r.action, from });
  const { results, failures } = runRules(def.rules ?? [], r.facts as F, profile);
  if (failures.length) throw ruleError(failures, failures.find((f) => f.status)?.status);
  const id = r.object?.id ?? String(r.values?.id ?? '');
  if (!id) throw new Error(`${r.lifecycle.objectType}: creating needs values.id`);
  return {
    r: r as TransitionRequest<unknown>,
    id,
    from,
    to: def.to,
    eventType: def.eventType ?? `${r.lifecycle.objectType}.${r.action}`,
    results,
  };
}

/**
 * The entry's objectVersion is its place in the object's chain (LED-02), not the row's version:
 * in the `audit` log, audit-only entries (logins, denials) share a User's or ApiKey's chain, so a
 * later state change follows them. A creation is version 1 either way (no lookup needed).
 */
function eventOf(c: Checked, version: number, actor: ActorRef = actorRef(c.r.actor)): EventInput {
  const r = c.r;
  return {
    log: r.lifecycle.log ?? 'main',
    objectType: r.lifecycle.objectType,
    objectId: c.id,
    objectVersion: version === 1 ? 1 : undefined,
    eventType: c.eventType,
    action: r.action,
    fromState: r.object?.state ?? null,
    toState: c.to,
    actor,
    jurisdictionId: r.jurisdictionId ?? r.subject.jurisdictionId ?? null,
    input: r.input ?? null,
    ruleResults: c.results,
    retentionClass: retentionClassOf(r.lifecycle, { ...r.object, ...r.values }),
    payload: r.payload ?? { input: r.input ?? null, values: r.values ?? {} },
  };
}

// PostgreSQL binds at most 65,535 parameters per statement.
const MAX_PARAMS = 60_000;

/**
 * Creations as one multi-row INSERT per table (chunked by parameter count), updates one by
 * one in request order; pending creations are written before an update, so a batch may
 * create an object and then change it.
 */
async function writeStates(trx: Tx, reqs: TransitionRequest<unknown>[], checked: Checked[]): Promise<number[]> {
  const versions: number[] = new Array(reqs.length);
  const creates = new Map<string, Record<string, unknown>[]>();
  for (let i = 0; i < reqs.length; i++) {
    const r = reqs[i]!;
    const c = checked[i]!;
    if (r.object) {
      await insertRows(trx, creates);
      versions[i] = await writeState(trx, r.lifecycle.table, r.object, c.to, c.id, r.values ?? {});
      continue;
    }
    const rows = creates.get(r.lifecycle.table) ?? [];
    rows.push({ ...r.values, id: c.id, state: c.to, version: 1 });
    creates.set(r.lifecycle.table, rows);
    versions[i] = 1;
  }
  await insertRows(trx, creates);
  return versions;
}

async function insertRows(trx: Tx, creates: Map<string, Record<string, unknown>[]>) {
  for (const [table, rows] of creates) {
    const perRow = rows.reduce((m, x) => Math.max(m, Object.keys(x).length), 1);
    const chunk = Math.max(1, Math.floor(MAX_PARAMS / perRow));
    for (let i = 0; i < rows.length; i += chunk)
      await looseTables(trx)
        .insertInto(table)
        .values(rows.slice(i, i + chunk))
        .execute();
  }
  creates.clear();
}

async function writeState(
  trx: Tx,
  table: string,
  obj: StatefulRow | null,
  to: string,
  id: string,
  values: Record<string, unknown>,
): Promise<number> {
  if (!obj) {
    await looseTables(trx)
      .insertInto(table)
      .values({ ...values, id, state: to, version: 1 })
      .execute();
    return 1;
  }
  const res = await looseTables(trx)
    .updateTable(table)
    .set({ ...values, state: to, version: obj.version + 1, updated_at: sql`now()` })
    .where('id', '=', obj.id)
    .where('version', '=', obj.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError(409, 'STALE_OBJECT', { id: obj.id });
  return obj.version + 1;
}

/**
 * Brings an existing object into the platform at a given state (demo seed, migration from
 * another system). Not a transition a user can ask for: it records `<Type>.imported` with
 * the ledger entry in the same transaction, so the ledger stays complete.
 */
export async function importObject(
  trx: Tx,
  deps: WorkflowDeps,
  lifecycle: LifecycleDef,
  state: string,
  values: Record<string, unknown> & { id: string },
  actor: Actor,
  jurisdictionId?: string | null,
) {
  if (!lifecycle.states.includes(state)) throw new Error(`${lifecycle.objectType}: unknown state ${state}`);
  await looseTables(trx)
    .insertInto(lifecycle.table)
    .values({ ...values, state, version: 1 })
    .execute();
  return appendEvent(trx, deps.ledger, {
    log: lifecycle.log ?? 'main',
    objectType: lifecycle.objectType,
    objectId: values.id,
    objectVersion: 1,
    eventType: `${lifecycle.objectType}.imported`,
    action: 'import',
    fromState: null,
    toState: state,
    actor: actorRef(actor),
    jurisdictionId: jurisdictionId ?? null,
    retentionClass: retentionClassOf(lifecycle, values),
    payload: { values },
    input: null,
  });
}
