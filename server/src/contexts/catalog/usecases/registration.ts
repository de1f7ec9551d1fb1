import { randomUUID } from 'node:crypto';
import { shanghaiDate } from '../../../kernel/calendar/calendar.js';
import { AppError, notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { publicActor, systemActor, type Actor } from '../../../kernel/workflow/actor.js';
import type { Subject } from '../../../kernel/workflow/authorize.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { closePauses, holdPublicity, resumePublicity, startPublicity, type PublicityClock } from '../clocks.js';
import { objectionLifecycle, registrationLifecycle } from '../lifecycle.js';
import type { ObjectionInput, RegistrationInput } from '../model.js';
import type { RegistrationFacts } from '../rules.js';
import { loadReadable, resourceFacts, visibilityOf } from './resources.js';
import * as store from '../store.js';
import { suspendGrantsOn } from './grant-effects.js';
import { authorityOrgsOf, closeTasksOf, openTask } from './tasks.js';
import { onResourceObjectionFiled } from './objections.js';
import { presentPublic } from '../present.js';
import { type Tx } from '../../../kernel/db/tables.js';

type Reg = store.RegistrationRow;

/* The jsonb of a registration, all written by this file (JSON we wrote; shapes per catalog.md). */
/** The publicity and acceptance clocks. */
const clocksOf = (g: Reg): PublicityClock => ({ ...(g.clocks as PublicityClock) });
/** The filing frozen at submission: its fields and the stored snapshot it cites. */
const frozenOf = (g: Reg) => (g.snapshot ?? {}) as { fields?: { id: string }[]; snapshot?: unknown };
/** RegistrationInput.materials as filed. */
const materialsOf = (g: Reg) => (g.materials ?? []) as { kind: string; fileRef: string; sm3Hash?: string }[];

export function registrationSubject(
  g: { id?: string; jurisdiction_id: string; registrant_org_id: string; created_by?: string | null },
  path: string[],
): Subject {
  return {
    type: 'ResourceRegistration',
    id: g.id,
    jurisdictionId: g.jurisdiction_id,
    jurisdictionPath: path,
    ownerOrgId: g.registrant_org_id,
    sourceUnitOrgIds: [g.registrant_org_id],
    createdBy: g.created_by ?? null,
  };
}

async function pathOf(trx: Tx, jurisdictionId: string): Promise<string[]> {
  const j = await trx.selectFrom('jurisdiction').select('path').where('id', '=', jurisdictionId).executeTakeFirst();
  return (j?.path as string[]) ?? [jurisdictionId];
}

async function registryOf(trx: Tx, jurisdictionId: string): Promise<string | null> {
  const r = await trx
    .selectFrom('org_actor_role')
    .select('org_id')
    .where('actor', '=', 'registry')
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('state', '=', 'active')
    .executeTakeFirst();
  return (r?.org_id as string) ?? null;
}

/** REG-05: publicity shows only this summary, never samples or personal data. */
function publicSummary(r: store.ResourceRow, fields: store.FieldRow[]) {
  return {
    resourceCode: r.resource_code,
    name: r.name_zh,
    summary: r.summary,
    sourceUnit: r.source_unit_name,
    domain: r.domain,
    fieldNames: fields.map((f) => f.name_zh),
    updateFrequency: r.update_frequency,
    spatialCoverage: r.spatial_coverage,
    temporalCoverage: r.temporal_coverage,
  };
}

/** Files a registration (draft → submitted) with a frozen snapshot of resource, fields and classifications (REG-06). */
export async function fileRegistration(k: Kernel, actor: Actor, input: RegistrationInput) {
  return k.db.transaction().execute(async (trx) => {
    const r = await loadReadable(trx, actor, input.resourceId, true);
    const fields = await store.listFields(trx, r.id);
    const snap = await store.latestStoredSnapshot(trx, r.id);
    const prev = await store.registeredRegistration(trx, r.id);
    const res = await resourceFacts(trx, r);
    const facts: RegistrationFacts & typeof res = {
      ...res,
      resource: res,
      resourceState: r.state,
      materials: input.materials,
      hasSnapshot: !!snap,
      declarations: input.declarations,
      type: input.type,
      previousRegistered: !!prev,
      activeRegistration: await store.activeRegistrationExists(trx, r.id),
    };
    const id = randomUUID();
    const subject = registrationSubject(
      { jurisdiction_id: r.jurisdiction_id, registrant_org_id: r.source_unit_org_id, created_by: actor.userId },
      r.jurisdiction_path,
    );
    const frozen = {
      resource: r,
      fields,
      classifications: await store.classificationHistory(trx, r.id),
      snapshot: snap ? { version: snap.snapshot_version, sm3: snap.sm3, rows: snap.rows } : null,
    };
    await transition(trx, k.workflow, {
      lifecycle: registrationLifecycle,
      action: 'create',
      actor,
      object: null,
      subject,
      facts,
      input: { resourceId: r.id, type: input.type },
      values: {
        id,
        type: input.type,
        resource_id: r.id,
        resource_version: r.version,
        snapshot: JSON.stringify(frozen),
        registrant_org_id: r.source_unit_org_id,
        registry_org_id: await registryOf(trx, r.jurisdiction_id),
        jurisdiction_id: r.jurisdiction_id,
        previous_registration_id: prev?.id ?? null,
        materials: JSON.stringify(input.materials),
        public_summary: JSON.stringify(publicSummary(r, fields)),
        created_by: actor.userId ?? null,
        registration_code: input.type === 'first' ? null : (prev?.registration_code ?? null),
      },
    });
    const draft = (await store.getRegistration(trx, id, true))!;
    const now = k.clock.now();
    const out = await transition(trx, k.workflow, {
      lifecycle: registrationLifecycle,
      action: 'submit',
      actor,
      object: draft,
      subject: { ...subject, id },
      facts,
      input: { materials: input.materials.map((m) => m.kind) },
      values: {
        submitted_at: now,
        clocks: JSON.stringify({
          acceptDue: k.calendar.dueAt(now, k.profile.get<number>('registration.acceptDays')).toISOString(),
          pauses: [],
        }),
      },
    });
    await trx
      .updateTable('data_resource')
      .set({ registration_status: 'in_progress' })
      .where('id', '=', r.id)
      .where('registration_status', '<>', 'registered')
      .execute();
    // REG-03: filing the change (or correction) registration answers the open change-filing tasks.
    if (input.type === 'change' || input.type === 'correction')
      await closeTasksOf(trx, k, r.id, 'change_filing', { registrationId: id });
    return out;
  });
}

export type RegistryAction =
  | 'accept'
  | 'not_accept'
  | 'return'
  | 'resubmit'
  | 'start_review'
  | 'post_publicity'
  | 'reject'
  | 'withdraw';

/** The registry desk's decisions and the registrant's resubmission, with their clocks. */
export async function decideRegistration(
  k: Kernel,
  actor: Actor,
  id: string,
  action: RegistryAction,
  body: { reason?: string; deficiencies?: string[] },
) {
  return k.db.transaction().execute(async (trx) => {
    const g = await loadRegistration(trx, actor, id);
    const now = k.clock.now();
    const clocks = clocksOf(g);
    const values: Record<string, unknown> = {};
    if (action === 'accept')
      clocks.reviewDue = k.calendar.dueAt(now, k.profile.get<number>('registration.reviewDays')).toISOString();
    if (action === 'return') {
      clocks.pauses = [...(clocks.pauses ?? []), { from: now.toISOString(), reason: 'returned' }];
      clocks.supplementDue = k.calendar.dueAt(now, k.profile.get<number>('registration.supplementDays')).toISOString();
      values.deficiencies = JSON.stringify(body.deficiencies ?? [body.reason]);
    }
    if (action === 'resubmit')
      clocks.pauses = (clocks.pauses ?? []).map((p) => (p.to ? p : { ...p, to: now.toISOString() }));
    if (action === 'post_publicity')
      Object.assign(
        clocks,
        startPublicity(k.calendar, clocks, now, k.profile.get<number>('registration.publicityDays')),
      );
    if (['not_accept', 'return', 'reject'].includes(action))
      values.decision = JSON.stringify({
        result: action,
        reasons: body.reason,
        decidedBy: actor.userId,
        decidedAt: now.toISOString(),
      });
    const facts = { ...(await registrationFactsFor(trx, g)), reason: body.reason };
    const res = await transition(trx, k.workflow, {
      lifecycle: registrationLifecycle,
      action,
      actor,
      object: g,
      subject: registrationSubject(g, await pathOf(trx, g.jurisdiction_id as string)),
      facts,
      input: body,
      values: { ...values, clocks: JSON.stringify(clocks) },
    });
    if (['not_accept', 'reject', 'withdraw'].includes(action)) await restoreResourceStatus(trx, g);
    return res;
  });
}

async function registrationFactsFor(trx: Tx, g: Reg) {
  const r = (await store.getResource(trx, g.resource_id as string))!;
  const res = await resourceFacts(trx, r);
  return {
    ...res,
    resource: res,
    resourceState: r.state,
    materials: materialsOf(g),
    hasSnapshot: !!frozenOf(g).snapshot,
    declarations: { noStateSecrets: true, lawfulAcquisition: true, noOwnershipDispute: true },
    type: g.type as string,
    previousRegistered: true,
    activeRegistration: false,
  };
}

async function loadRegistration(trx: Tx, actor: Actor, id: string): Promise<Reg> {
  const g = await store.getRegistration(trx, id, true);
  const v = visibilityOf(actor);
  if (!g || !(v.platform || g.registrant_org_id === v.orgId || v.jurisdictionIds.includes(g.jurisdiction_id as string)))
    throw notFound('ResourceRegistration', id);
  return g;
}

async function restoreResourceStatus(trx: Tx, g: Reg) {
  const prev = await store.registeredRegistration(trx, g.resource_id as string);
  await trx
    .updateTable('data_resource')
    .set({ registration_status: prev ? 'registered' : 'unregistered' })
    .where('id', '=', g.resource_id)
    .execute();
}

/** Registration detail for the registrant and the registry (not public). */
export async function getRegistration(k: Kernel, actor: Actor, id: string) {
  return k.db.transaction().execute(async (trx) => {
    const g = await loadRegistration(trx, actor, id);
    return {
      registration: g,
      objections: await store.listObjections(trx, { registrationId: id }),
      events: await store.listEvents(trx, [id]),
    };
  });
}

export async function listRegistrations(
  k: Kernel,
  actor: Actor,
  q: { state?: string; page: number; pageSize: number },
) {
  return store.listRegistrationQueue(
    k.db,
    visibilityOf(actor),
    q.state ? q.state.split(',') : null,
    q.pageSize,
    (q.page - 1) * q.pageSize,
  );
}

/**
 * The registration clock job: publicity that ended with no open objection gets its code
 * (REG-05), and a coded registration becomes registered, making the resource grantable (REG-02).
 */
export async function runRegistrationClocks(k: Kernel): Promise<number> {
  const ids = await store.dueRegistrations(k.db, k.clock.now());
  let n = 0;
  for (const id of ids) {
    try {
      await k.db.transaction().execute((trx) => advance(trx, k, id));
      n++;
    } catch (e) {
      if (!(e instanceof AppError)) throw e; // an open objection keeps it in publicity (REG-05)
    }
  }
  return n;
}

async function advance(trx: Tx, k: Kernel, id: string) {
  const actor = systemActor('registration-clock');
  let g = (await store.getRegistration(trx, id, true))!;
  const subject = registrationSubject(g, await pathOf(trx, g.jurisdiction_id as string));
  const now = k.clock.now();
  if (g.state === 'publicity') {
    const facts = {
      openObjections: await store.openObjectionsOf(trx, id),
      publicityEnded: new Date(clocksOf(g).publicityEnd ?? NaN) < now,
    };
    const code = (g.registration_code as string | null) ?? (await newCode(trx, g, now));
    await transition(trx, k.workflow, {
      lifecycle: registrationLifecycle,
      action: 'assign_code',
      actor,
      object: g,
      subject,
      facts,
      input: { code },
      values: { registration_code: code },
    });
    g = (await store.getRegistration(trx, id, true))!;
  }
  await transition(trx, k.workflow, {
    lifecycle: registrationLifecycle,
    action: 'complete',
    actor,
    object: g,
    subject,
    input: { code: g.registration_code },
  });
  await completeEffects(trx, k, g, actor, subject);
}

/** Unique, never-reused code: ZYDJ-<division>-<year>-<seq> (REG-05; format ours). */
async function newCode(trx: Tx, g: Reg, now: Date): Promise<string> {
  const j = await trx
    .selectFrom('jurisdiction')
    .select('division_code')
    .where('id', '=', g.jurisdiction_id)
    .executeTakeFirst();
  const prefix = `ZYDJ-${j?.division_code}-${shanghaiDate(now).slice(0, 4)}`;
  return `${prefix}-${String(await store.nextCodeNumber(trx, prefix)).padStart(6, '0')}`;
}

/** Registered: the resource carries the code; a change/correction supersedes, a cancellation cancels (REG-03, REG-04). */
async function completeEffects(trx: Tx, k: Kernel, g: Reg, actor: Actor, subject: Subject) {
  const prev = g.previous_registration_id
    ? await store.getRegistration(trx, g.previous_registration_id as string, true)
    : undefined;
  if (prev && prev.state === 'registered') {
    await transition(trx, k.workflow, {
      lifecycle: registrationLifecycle,
      action: g.type === 'cancellation' ? 'cancel' : 'supersede',
      actor,
      object: prev,
      subject: { ...subject, id: prev.id as string },
      input: { by: g.id },
    });
  }
  const cancelled = g.type === 'cancellation';
  const snapshotFields = (frozenOf(g).fields ?? []).map((f) => f.id);
  await trx
    .updateTable('data_resource')
    .set({ registration_status: cancelled ? 'cancelled' : 'registered', registration_code: g.registration_code })
    .where('id', '=', g.resource_id)
    .execute();
  if (!cancelled && snapshotFields.length)
    await trx
      .updateTable('data_field')
      .set({ registered_version: g.resource_version })
      .where('id', 'in', snapshotFields)
      .execute();
  if (cancelled) await cancellationEffects(trx, k, g);
}

/**
 * REG-04: a completed `cancellation` marks the code cancelled (the resource is no longer
 * `registered`, so REG-02 blocks new Grants), suspends the active Grants on the resource in
 * this transaction, and gives the authority a follow-up task due in
 * `registration.cancellationTaskDays` working days.
 */
async function cancellationEffects(trx: Tx, k: Kernel, g: Reg) {
  const r = (await store.getResource(trx, g.resource_id as string))!;
  const grants = await suspendGrantsOn(trx, k, r.id, {
    ruleId: 'REG-04',
    reason: `登记注销 ${g.registration_code ?? ''}`.trim(),
  });
  const due = k.calendar.dueAt(k.clock.now(), k.profile.get<number>('registration.cancellationTaskDays'));
  for (const org of await authorityOrgsOf(trx, r.jurisdiction_id)) {
    await openTask(trx, k, {
      kind: 'cancellation_followup',
      ruleId: 'REG-04',
      assigneeOrgId: org,
      jurisdictionId: r.jurisdiction_id,
      jurisdictionPath: r.jurisdiction_path,
      resourceId: r.id,
      subjectType: 'ResourceRegistration',
      subjectId: g.id as string,
      dedupeKey: `cancellation:${g.id}:${org}`,
      details: { registrationCode: g.registration_code, suspendedGrantIds: grants },
      dueAt: due,
    });
  }
}

/** Anyone may object during publicity (REG-05); 5 per verified mobile per day. */
export async function fileObjection(
  k: Kernel,
  registrationId: string | null,
  resourceId: string | null,
  input: ObjectionInput,
  ip?: string,
) {
  return k.db.transaction().execute(async (trx) => {
    const g = registrationId ? await store.getRegistration(trx, registrationId) : undefined;
    if (registrationId && (!g || !['publicity', 'objection_hold'].includes(g.state as string)))
      throw new AppError(409, 'NOT_IN_PUBLICITY');
    const rid = (g?.resource_id as string) ?? resourceId;
    const r = rid ? await store.getResource(trx, rid) : undefined;
    if (!r || (!g && r.state !== 'published')) throw notFound('DataResource', rid ?? '');
    const limit = k.profile.get<number>('objection.perMobilePerDay');
    const since = new Date(k.clock.now().getTime() - 86400_000);
    if ((await store.objectionsByMobileSince(trx, input.filerMobile, since)) >= limit)
      throw new AppError(429, 'OBJECTION_RATE_LIMITED', { limit });
    const id = randomUUID();
    await transition(trx, k.workflow, {
      lifecycle: objectionLifecycle,
      action: 'file',
      actor: publicActor(ip),
      object: null,
      subject: {
        type: 'Objection',
        jurisdictionId: r.jurisdiction_id,
        jurisdictionPath: r.jurisdiction_path,
        sourceUnitOrgIds: [r.source_unit_org_id],
      },
      input: { kind: input.kind, registrationId },
      values: {
        id,
        kind: input.kind,
        filer: JSON.stringify({ name: input.filerName, mobile: input.filerMobile }),
        resource_id: r.id,
        field_ids: input.fieldIds,
        registration_id: registrationId,
        description: input.description,
        requested_action: input.requestedAction ?? null,
        assigned_unit_id: g ? g.registry_org_id : r.source_unit_org_id,
        // OBJ-02: answered on a working-day clock (objection.answerDays; publicity objections registration.objectionDays).
        due_at: k.calendar.dueAt(
          k.clock.now(),
          k.profile.get<number>(g ? 'registration.objectionDays' : 'objection.answerDays'),
        ),
      },
    });
    return { id, state: g ? 'received' : await onResourceObjectionFiled(trx, k, id, r) };
  });
}

/**
 * The registry handles a publicity objection: `accept` puts the registration on hold
 * (publicity paused, remaining working days kept); `dismiss` resumes it; `uphold` terminates it.
 */
export async function handlePublicityObjection(
  k: Kernel,
  actor: Actor,
  objectionId: string,
  action: 'accept' | 'dismiss' | 'uphold',
  reason?: string,
) {
  return k.db.transaction().execute(async (trx) => {
    const o = await store.getObjection(trx, objectionId, true);
    if (!o || !o.registration_id) throw notFound('Objection', objectionId);
    const g = await loadRegistration(trx, actor, o.registration_id as string);
    const path = await pathOf(trx, g.jurisdiction_id as string);
    const subject = registrationSubject(g, path);
    const oSubject = { ...subject, type: 'Objection', id: o.id as string };
    const now = k.clock.now();
    let clocks: PublicityClock = clocksOf(g);
    const oAction = action === 'accept' ? 'verify' : action === 'dismiss' ? 'explain' : 'correct';
    await transition(trx, k.workflow, {
      lifecycle: objectionLifecycle,
      action: oAction,
      actor,
      object: o,
      subject: oSubject,
      facts: { reason },
      input: { reason },
      values: action === 'accept' ? {} : { answer: JSON.stringify({ result: action, explanation: reason }) },
    });
    if (action === 'accept') {
      clocks = {
        ...holdPublicity(k.calendar, clocks, now, 'objection', objectionId),
        objectionDue: k.calendar.dueAt(now, k.profile.get<number>('registration.objectionDays')).toISOString(),
      };
      return transition(trx, k.workflow, {
        lifecycle: registrationLifecycle,
        action: 'hold',
        actor,
        object: g,
        subject,
        input: { objectionId },
        values: { clocks: JSON.stringify(clocks) },
      });
    }
    if (await store.openObjectionsOf(trx, g.id as string)) return { id: g.id, state: g.state, version: g.version };
    clocks = action === 'dismiss' ? resumePublicity(k.calendar, clocks, now) : closePauses(clocks, now);
    const res = await transition(trx, k.workflow, {
      lifecycle: registrationLifecycle,
      action: action === 'dismiss' ? 'resume' : 'terminate',
      actor,
      object: g,
      subject,
      facts: { reason },
      input: { reason, objectionId },
      values: { clocks: JSON.stringify(clocks) },
    });
    if (action === 'uphold') await restoreResourceStatus(trx, g);
    return res;
  });
}

const PUBLIC_STATES = ['publicity', 'objection_hold', 'registered', 'cancelled', 'superseded'];

export async function listPublic(k: Kernel, q: { state?: string; page: number; pageSize: number }) {
  const states = q.state && PUBLIC_STATES.includes(q.state) ? [q.state] : ['publicity', 'objection_hold'];
  const { rows, total } = await store.listPublicRegistrations(k.db, states, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: rows.map(presentPublic), total, page: q.page, pageSize: q.pageSize };
}

/** A publicity notice by id, or code verification by registration code. */
export async function getPublic(k: Kernel, idOrCode: string) {
  const isId = /^[0-9a-f-]{36}$/i.test(idOrCode);
  const rows = await k.db
    .selectFrom('resource_registration')
    .selectAll()
    .where(isId ? 'id' : 'registration_code', '=', idOrCode)
    .where('state', 'in', PUBLIC_STATES)
    .orderBy('updated_at', 'desc')
    .execute();
  const g = rows[0];
  if (!g) throw notFound('ResourceRegistration', idOrCode);
  // REG-04: once a cancellation of the code is registered, verifying the code answers 已注销.
  const cancelled = !isId && rows.some((x) => x.type === 'cancellation' && x.state === 'registered');
  return presentPublic(cancelled ? { ...g, state: 'cancelled' } : g);
}
