import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../db/testing.js';
import type { Database } from '../db/connection.js';
import { createKernel, type Kernel } from '../kernel.js';
import type { Actor } from './actor.js';
import { definePermissions } from './authorize.js';
import { defineLifecycle, NEW } from './lifecycle.js';
import { fail, pass, rule } from './rules.js';
import { transition, transitionMany } from './transition.js';

// A throwaway lifecycle on a table of its own, so the kernel is tested without any context.
definePermissions({
  'widget.create': { kind: 'write', roles: ['catalog_manager'], actors: ['source_unit'], relationships: ['owner'] },
  'widget.approve': { kind: 'approve', roles: ['reviewer'], actors: ['authority'], relationships: ['authority_of'] },
});
const NEEDS_NAME = rule('TEST-01', (f: { name: string }) =>
  f.name ? pass() : fail('NAME_REQUIRED', { field: 'name' }, 422),
);
const widget = defineLifecycle({
  objectType: 'Widget',
  table: 'test_widget',
  states: ['draft', 'approved'],
  transitions: {
    create: { from: [NEW], to: 'draft', permission: 'widget.create', rules: [NEEDS_NAME] },
    approve: { from: ['draft'], to: 'approved', permission: 'widget.approve' },
  },
});

const J_CITY = randomUUID();
const J_OTHER = randomUUID();
const ORG = randomUUID();
const sourceUnit: Actor = {
  kind: 'user',
  userId: randomUUID(),
  orgId: ORG,
  roles: ['catalog_manager'],
  actorRoles: [{ actor: 'source_unit', jurisdictionId: J_CITY, jurisdictionPath: [J_CITY], status: 'active' }],
  readableJurisdictionIds: [],
  demo: true,
};
const authority = (j: string): Actor => ({
  kind: 'user',
  userId: randomUUID(),
  orgId: randomUUID(),
  roles: ['reviewer'],
  actorRoles: [{ actor: 'authority', jurisdictionId: j, jurisdictionPath: [j], status: 'active' }],
  readableJurisdictionIds: [j],
  demo: true,
});
const subject = (o?: { id: string }) => ({
  type: 'Widget',
  id: o?.id,
  jurisdictionId: J_CITY,
  jurisdictionPath: [J_CITY],
  ownerOrgId: ORG,
});

let database: Database;
let k: Kernel;

beforeAll(async () => {
  database = await openTestDatabase('bare');
  k = await createKernel(database);
  await sql`CREATE TABLE test_widget (id uuid PRIMARY KEY, name text, state text NOT NULL, version int NOT NULL, updated_at timestamptz)`.execute(
    database.db,
  );
});
afterAll(() => database?.close());

async function create(name = 'w') {
  return k.db.transaction().execute((trx) =>
    transition(trx, k.workflow, {
      lifecycle: widget,
      action: 'create',
      actor: sourceUnit,
      object: null,
      subject: subject(),
      facts: { name },
      values: { id: randomUUID(), name },
    }),
  );
}
const row = async (id: string) => (await sql<any>`SELECT * FROM test_widget WHERE id = ${id}`.execute(k.db)).rows[0];
const count = async (t: string, id: string) =>
  (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(t)} WHERE object_id = ${id}`.execute(k.db))
    .rows[0]!.n;

describe('workflow.transition', () => {
  it('creates the object with its event and ledger-queue entry in one transaction', async () => {
    const r = await create();
    expect(r).toMatchObject({ state: 'draft', version: 1 });
    expect(await count('event', r.id)).toBe(1);
    expect(await count('ledger_entry', r.id)).toBe(1);
  });

  it('refuses an action from the wrong state with 409 INVALID_TRANSITION', async () => {
    const r = await create();
    const approve = (o: any) =>
      k.db.transaction().execute((trx) =>
        transition(trx, k.workflow, {
          lifecycle: widget,
          action: 'approve',
          actor: authority(J_CITY),
          object: o,
          subject: subject(o),
        }),
      );
    await approve(await row(r.id));
    await expect(approve(await row(r.id))).rejects.toMatchObject({ status: 409, code: 'INVALID_TRANSITION' });
  });

  it('refuses the wrong org type (403) and another tenant (404)', async () => {
    const r = await create();
    const o = await row(r.id);
    const run = (actor: Actor) =>
      k.db
        .transaction()
        .execute((trx) =>
          transition(trx, k.workflow, { lifecycle: widget, action: 'approve', actor, object: o, subject: subject(o) }),
        );
    const wrongType: Actor = { ...sourceUnit, roles: ['reviewer'] };
    await expect(run(wrongType)).rejects.toMatchObject({ status: 403 });
    await expect(run(authority(J_OTHER))).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect((await row(r.id)).state).toBe('draft');
  });

  it('collects rule failures with their rule IDs and writes nothing', async () => {
    const before = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM event`.execute(k.db)).rows[0]!.n;
    await expect(create('')).rejects.toMatchObject({
      status: 422,
      code: 'NAME_REQUIRED',
      details: { failures: [expect.objectContaining({ ruleId: 'TEST-01' })] },
    });
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM event`.execute(k.db)).rows[0]!.n).toBe(before);
  });

  it('refuses a stale version with 409 STALE_OBJECT', async () => {
    const r = await create();
    const o = await row(r.id);
    await expect(
      k.db.transaction().execute((trx) =>
        transition(trx, k.workflow, {
          lifecycle: widget,
          action: 'approve',
          actor: authority(J_CITY),
          object: { ...o, version: 7 },
          subject: subject(o),
        }),
      ),
    ).rejects.toMatchObject({ status: 409, code: 'STALE_OBJECT' });
  });

  for (const stage of ['after_state_write', 'after_event_write'] as const) {
    it(`commits nothing when the process fails ${stage.replace(/_/g, ' ')}`, async () => {
      const r = await create();
      const o = await row(r.id);
      const deps = {
        ...k.workflow,
        fault: (s: string) => {
          if (s === stage) throw new Error('injected crash');
        },
      };
      await expect(
        k.db.transaction().execute((trx) =>
          transition(trx, deps, {
            lifecycle: widget,
            action: 'approve',
            actor: authority(J_CITY),
            object: o,
            subject: subject(o),
          }),
        ),
      ).rejects.toThrow('injected crash');
      expect(await row(r.id)).toMatchObject({ state: 'draft', version: 1 });
      expect(await count('event', r.id)).toBe(1);
      expect(await count('ledger_entry', r.id)).toBe(1);
    });
  }

  it('links each entry to the previous entry of the same object (LED-02)', async () => {
    const r = await create();
    const o = await row(r.id);
    await k.db.transaction().execute((trx) =>
      transition(trx, k.workflow, {
        lifecycle: widget,
        action: 'approve',
        actor: authority(J_CITY),
        object: o,
        subject: subject(o),
      }),
    );
    const entries = (
      await sql<any>`SELECT object_version, leaf_hash, prev_object_leaf_hash FROM ledger_entry WHERE object_id = ${r.id} ORDER BY object_version`.execute(
        k.db,
      )
    ).rows;
    expect(entries.map((e) => e.object_version)).toEqual([1, 2]);
    expect(entries[0].prev_object_leaf_hash).toBeNull();
    expect(entries[1].prev_object_leaf_hash).toBe(entries[0].leaf_hash);
  });
});

describe('workflow.transitionMany (batched transitions)', () => {
  const req = (name: string) => ({
    lifecycle: widget,
    action: 'create',
    actor: sourceUnit,
    object: null,
    subject: subject(),
    facts: { name },
    values: { id: randomUUID(), name },
  });

  it('writes every state row, event and ledger-queue entry of the batch, as single transitions would', async () => {
    const reqs = Array.from({ length: 30 }, (_, i) => req(`w${i}`));
    const out = await k.db.transaction().execute((trx) => transitionMany(trx, k.workflow, reqs));
    expect(out.map((o) => o.id)).toEqual(reqs.map((r) => r.values.id));
    expect(new Set(out.map((o) => o.eventId)).size).toBe(30);
    for (const o of out) {
      expect(await row(o.id)).toMatchObject({ state: 'draft', version: 1 });
      expect(await count('event', o.id)).toBe(1);
      expect(await count('ledger_entry', o.id)).toBe(1);
    }
  });

  it('refuses the whole batch when one request fails its rules (nothing written)', async () => {
    const reqs = [req('a'), req(''), req('c')];
    await expect(k.db.transaction().execute((trx) => transitionMany(trx, k.workflow, reqs))).rejects.toMatchObject({
      code: 'NAME_REQUIRED',
    });
    for (const r of reqs) expect(await row(r.values.id)).toBeUndefined();
  });

  it('creates then changes the same object in one batch, chaining its entries (LED-02)', async () => {
    const c = req('chain');
    const id = c.values.id;
    const later = {
      lifecycle: widget,
      action: 'approve',
      actor: authority(J_CITY),
      object: { id, state: 'draft', version: 1 },
      subject: subject({ id }),
    };
    const out = await k.db.transaction().execute((trx) => transitionMany(trx, k.workflow, [c, later]));
    expect(out.map((o) => o.version)).toEqual([1, 2]);
    expect(await row(id)).toMatchObject({ state: 'approved', version: 2 });
    const entries = (
      await sql<any>`SELECT object_version, leaf_hash, prev_object_leaf_hash FROM ledger_entry WHERE object_id = ${id} ORDER BY object_version`.execute(
        k.db,
      )
    ).rows;
    expect(entries[1].prev_object_leaf_hash).toBe(entries[0].leaf_hash);
  });
});
