/**
 * ledger.append (performance.md): events through the real transition path (state row +
 * event + ledger leaf, committed), batched B events per transaction over W connections,
 * on PGlite and on PostgreSQL when BENCH_DATABASE_URL/TEST_DATABASE_URL is set.
 * Baselines in the same run: raw SM3 leaf hashing in-process, and a plain INSERT of the
 * same three rows per event with the same batching. Also the sequencer's integration rate.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../../server/src/kernel/db/connection.js';
import { looseTables } from '../../server/src/kernel/db/tables.js';
import { canonicalJson } from '../../server/src/kernel/crypto/jcs.js';
import { createKernel, type Kernel } from '../../server/src/kernel/kernel.js';
import { buildEntry, leafHashOf } from '../../server/src/kernel/ledger/entry.js';
import { integrate } from '../../server/src/kernel/ledger/sequencer.js';
import { systemActor } from '../../server/src/kernel/workflow/actor.js';
import { definePermissions } from '../../server/src/kernel/workflow/authorize.js';
import { defineLifecycle, NEW } from '../../server/src/kernel/workflow/lifecycle.js';
import { transitionMany } from '../../server/src/kernel/workflow/transition.js';
import { actorRef } from '../../server/src/kernel/workflow/actor.js';
import type { BenchContext } from './lib/context.js';
import { seconds } from './lib/context.js';
import { benchPglite, benchPostgres } from './lib/db.js';
import { cpuNow, cpuPerUnit, postmasterOf } from './lib/cpu.js';
import { profileIf } from './lib/profile.js';

definePermissions({
  'benchthing.create': { kind: 'write', roles: ['system'], actors: ['system'], relationships: ['any'] },
});
const benchThing = defineLifecycle({
  objectType: 'BenchThing',
  table: 'bench_thing',
  states: ['draft'],
  transitions: { create: { from: [NEW], to: 'draft', permission: 'benchthing.create' } },
});
const actor = systemActor('bench');

async function setup(d: Database): Promise<Kernel> {
  await sql`CREATE TABLE bench_thing (id uuid PRIMARY KEY, title text, state text NOT NULL, version int NOT NULL, updated_at timestamptz)`.execute(
    d.db,
  );
  await sql`CREATE TABLE bench_plain (id uuid PRIMARY KEY, title text, state text NOT NULL, version int NOT NULL, updated_at timestamptz)`.execute(
    d.db,
  );
  return createKernel(d);
}

/** Runs `total` units split over `workers` concurrent loops of `batch` per transaction. */
async function parallel(total: number, batch: number, workers: number, fn: (n: number) => Promise<void>) {
  let left = Math.ceil(total / batch);
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (left-- > 0) await fn(batch);
    }),
  );
}

/** The real path: `batch` transitions per transaction through transitionMany (checks, state rows, events, entries). */
async function realPath(k: Kernel, n: number, batch: number, workers: number) {
  return seconds(() =>
    parallel(n, batch, workers, (b) =>
      k.db.transaction().execute(async (trx) => {
        const reqs = Array.from({ length: b }, (_, i) => ({
          lifecycle: benchThing,
          action: 'create',
          actor,
          object: null,
          subject: { type: 'BenchThing' },
          values: { id: randomUUID(), title: `t${i}` },
        }));
        await transitionMany(trx, k.workflow, reqs);
      }),
    ),
  );
}

/** One real entry's column values, copied for every plain row so plain rows have the real sizes. */
function templateEntry() {
  const b = buildEntry(
    'sm3',
    16,
    randomBytes(16),
    {
      logId: 'plain',
      eventId: randomUUID(),
      objectType: 'BenchPlain',
      objectId: randomUUID(),
      objectVersion: 1,
      eventType: 'BenchPlain.create',
      fromState: null,
      toState: 'draft',
      actor: actorRef(actor),
      occurredAt: new Date().toISOString(),
      txId: '0',
      prevObjectLeafHash: null,
      retentionClass: 'business',
      schemaVersion: 1,
    },
    { input: null, values: { id: randomUUID(), title: 't0' } },
  );
  return b;
}

/**
 * The same three rows per event with the same batching as the real path (one multi-row INSERT
 * per table per transaction) and the same column sizes, precomputed: no checks, no hashing,
 * no encryption. The ratio to this is the bar (≥ 0.5).
 */
async function plainBatched(k: Kernel, n: number, batch: number, workers: number, headerEmptied = false) {
  const t = templateEntry();
  // headerEmptied: the "slimmer row" measurement (issue 20) — the entry's header jsonb (which
  // repeats the event row and the entry's own columns) replaced by '{}', everything else equal.
  const header = headerEmptied ? '{}' : JSON.stringify(t.header);
  const actorJson = JSON.stringify(t.header.actor);
  return seconds(() =>
    parallel(n, batch, workers, (b) =>
      k.db.transaction().execute(async (trx) => {
        const ids = Array.from({ length: b }, () => randomUUID());
        // bench_plain is the bench's own table (created above), not part of the generated DB.
        await looseTables(trx)
          .insertInto('bench_plain')
          .values(ids.map((id, i) => ({ id, title: `t${i}`, state: 'draft', version: 1 })))
          .execute();
        await trx
          .insertInto('event')
          .values(
            ids.map((id) => ({
              id,
              log_id: 'plain',
              object_type: 'BenchPlain',
              object_id: id,
              object_version: 1,
              event_type: 'BenchPlain.create',
              action: 'create',
              from_state: null,
              to_state: 'draft',
              actor: actorJson,
              input_digest: t.headerCommitment,
              rule_results: '[]',
              occurred_at: t.header.occurredAt,
              tx_id: '0',
            })),
          )
          .execute();
        await trx
          .insertInto('ledger_entry')
          .values(
            ids.map((id) => ({
              event_id: id,
              log_id: 'plain',
              object_type: 'BenchPlain',
              object_id: id,
              object_version: 1,
              header,
              header_salt: t.headerSalt,
              header_commitment: t.headerCommitment,
              payload_enc: t.payloadEnc,
              payload_key_enc: t.payloadKeyEnc,
              payload_salt: t.payloadSalt,
              payload_commitment: t.payloadCommitment,
              leaf_data: t.leafData,
              leaf_hash: t.leafHash,
              retention_class: 'business',
            })),
          )
          .execute();
      }),
    ),
  );
}

/** The same three rows per event as one-row INSERT statements (the naive way; reported, not the bar). */
async function plainInsert(k: Kernel, n: number, batch: number, workers: number) {
  const leaf = Buffer.from('{}');
  return seconds(() =>
    parallel(n, batch, workers, (b) =>
      k.db.transaction().execute(async (trx) => {
        for (let i = 0; i < b; i++) {
          const id = randomUUID();
          await sql`INSERT INTO bench_plain (id, title, state, version) VALUES (${id}, ${`t${i}`}, 'draft', 1)`.execute(
            trx,
          );
          await sql`INSERT INTO event (id, log_id, object_type, object_id, object_version, event_type, action, from_state, to_state, actor, occurred_at, tx_id)
        VALUES (${id}, 'plain', 'BenchPlain', ${id}, 1, 'BenchPlain.create', 'create', null, 'draft', '{}', now(), '0')`.execute(
            trx,
          );
          await sql`INSERT INTO ledger_entry (event_id, log_id, object_type, object_id, object_version, header, header_salt, header_commitment,
          payload_salt, payload_commitment, leaf_data, leaf_hash, retention_class)
        VALUES (${id}, 'plain', 'BenchPlain', ${id}, 1, '{}', ${leaf}, 'x', ${leaf}, 'x', ${leaf}, 'x', 'business')`.execute(
            trx,
          );
        }
      }),
    ),
  );
}

/** Raw SM3 leaf hashing H(0x00 ‖ d) of realistic leaf bytes, prepared beforehand. */
function hashOnly(n: number) {
  const leaves = Array.from({ length: 1000 }, () =>
    Buffer.from(
      canonicalJson({
        logId: 'ledger.bench/main-sm3',
        eventId: randomUUID(),
        occurredAt: new Date().toISOString(),
        schemaVersion: 1,
        headerCommitment: randomBytes(32).toString('hex'),
        payloadCommitment: randomBytes(32).toString('hex'),
      }),
    ),
  );
  const t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) leafHashOf('sm3', leaves[i % 1000]!);
  return Number(process.hrtime.bigint() - t) / 1e9;
}

type Cpu = ReturnType<typeof cpuNow>;
const cpuZero = (): Cpu => ({ node: 0, postgres: 0 });
function addCpu(sum: Cpu, a: Cpu, b: Cpu) {
  sum.node += b.node - a.node;
  sum.postgres =
    a.postgres === null || b.postgres === null || sum.postgres === null ? null : sum.postgres + b.postgres - a.postgres;
}
const perEvent = (sum: Cpu, n: number) => cpuPerUnit(cpuZero(), sum, n);

async function runOn(ctx: BenchContext, kind: string, d: Database, total: number, workers: number) {
  let n = total;
  const k = await setup(d);
  const batch = 200;
  await realPath(k, Math.min(400, n), batch, workers); // warm-up
  const pgPid =
    kind === 'postgres'
      ? (postmasterOf((await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(k.db)).rows[0]!.pid) ?? true)
      : false;
  // The real path and the plain rows in alternating rounds (order flipped each round), so that a
  // shared machine's load drifting during the run, and the tables growing, weigh on both sides alike.
  // CPU is counted per phase; PostgreSQL's is this server's processes only (other clusters excluded).
  const rounds = 5;
  const per = Math.ceil(n / rounds / batch) * batch;
  const t = { real: 0, plain: 0, slim: 0 };
  const cpu = { real: cpuZero(), plain: cpuZero(), slim: cpuZero() };
  const phase = async (name: keyof typeof t, run: () => Promise<number>) => {
    const a = cpuNow(pgPid);
    t[name] += await run();
    addCpu(cpu[name], a, cpuNow(pgPid));
  };
  for (let r = 0; r < rounds; r++) {
    // BENCH_PROFILE=<file>: a CPU profile of the first round's real path (PGlite's, or PostgreSQL's
    // in `<file>.postgres` when both run).
    const stopProfile = await profileIf(
      r === 0 && ctx.env.BENCH_PROFILE
        ? kind === 'pglite'
          ? ctx.env.BENCH_PROFILE
          : `${ctx.env.BENCH_PROFILE}.postgres`
        : undefined,
    );
    const real = () => phase('real', () => realPath(k, per, batch, workers));
    const plain = () => phase('plain', () => plainBatched(k, per, batch, workers));
    if (r % 2 === 0) await real().then(stopProfile).then(plain);
    else await plain().then(real).then(stopProfile);
    await phase('slim', () => plainBatched(k, per, batch, workers, true));
  }
  n = per * rounds;
  const [tReal, tBatched, tSlim] = [t.real, t.plain, t.slim];
  const tPlain = await plainInsert(k, Math.min(n, 20_000), batch, workers);
  const pending = (
    await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM ledger_entry WHERE seq IS NULL AND log_id <> 'plain'`.execute(k.db)
  ).rows[0]!.n;
  const tInt = await seconds(() => integrate(k, 'main', { batchSize: 5000 }));
  ctx.emit({
    metric: 'events_per_s',
    db: kind,
    value: n / tReal,
    unit: '1/s',
    baseline: 'plain_insert_batched',
    baseline_value: n / tBatched,
    n,
    batch,
    workers,
    // CPU per event on each side, so a 2-core figure can be read: which side bounds it, and what a plain row already costs.
    rounds,
    cpu_per_event: perEvent(cpu.real, n),
    baseline_cpu_per_event: perEvent(cpu.plain, n),
  });
  ctx.emit({
    metric: 'plain_insert_batched_header_emptied_per_s',
    db: kind,
    value: n / tSlim,
    unit: '1/s',
    baseline: 'plain_insert_batched',
    baseline_value: n / tBatched,
    note: "slimmer rows: the same plain rows with ledger_entry.header = '{}' (what dropping the repeated header would save)",
    n,
    batch,
    workers,
    cpu_per_event: perEvent(cpu.slim, n),
  });
  ctx.emit({
    metric: 'plain_insert_one_row_statements_per_s',
    db: kind,
    value: Math.min(n, 20_000) / tPlain,
    unit: '1/s',
    note: 'three one-row INSERTs per event, same transactions; the naive way',
    n: Math.min(n, 20_000),
  });
  ctx.emit({ metric: 'integrate_per_s', db: kind, value: pending / tInt, unit: '1/s', n: pending, batch: 5000 });
}

export default async function ledgerAppend(ctx: BenchContext) {
  const n = ctx.quick ? 2_000 : 20_000;
  const hashN = ctx.quick ? 50_000 : 200_000;
  const hashRate = hashN / hashOnly(hashN);
  ctx.emit({ metric: 'sm3_leaf_hash_per_s', value: hashRate, unit: '1/s', baseline: 'sm3.hash_only', n: hashN });
  const lite = await benchPglite();
  try {
    await runOn(ctx, 'pglite', lite, n, 1);
  } finally {
    await lite.close();
  }
  const pgdb = await benchPostgres(ctx.env, 8);
  if (pgdb) {
    try {
      await runOn(ctx, 'postgres', pgdb, ctx.quick ? 5_000 : 50_000, 8);
    } finally {
      await pgdb.close();
    }
  }
}
