import type { Tx } from '../../../kernel/db/tables.js';
import { forbidden, notFound } from '../../../kernel/http/errors.js';
import { uuidv7 } from '../../../kernel/ids.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { systemActor, type Actor } from '../../../kernel/workflow/actor.js';
import { canRead, type Subject } from '../../../kernel/workflow/authorize.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { objectionLifecycle } from '../lifecycle.js';
import type { Duration, ObjectionInput } from '../model.js';
import { groundsKey, type ObjectionFacts } from '../rules/index.js';
import * as store from '../store.js';
import { noteOnCertificate } from './certificates.js';
import { clocksOf, dueAt, profileOf, registrationSubject, step } from './common.js';
import { partiesOf, type Parties } from './effects.js';
import { orgInfo } from './orgs.js';
import { registerWith } from './review.js';

/**
 * RightsObjection (异议; RA-12, RA-13): during publicity it suspends the registration; after
 * registration (where the profile allows) it is noted on the certificate. Unresolved in time it
 * lapses (Shenzhen: no court or arbitration filing in 15 CD) or ends the registration (`obj.onTimeout`).
 */

/** The registry owns objections on its registrations; the objector and the parties are party to them. */
function objectionSubject(o: store.ObjectionRow, r: store.RegistrationRow): Subject {
  const s = registrationSubject(r);
  return { ...s, type: 'RightsObjection', id: o.id, partyOrgIds: [...(s.partyOrgIds ?? []), o.objector_org_id ?? ''] };
}

const OPEN_TO_OBJECTION = ['publicity', 'registered'];

const phaseOf = (state: string): ObjectionFacts['phase'] =>
  state === 'publicity' ? 'during_publicity' : state === 'registered' ? 'post_registration' : null;

/** Anyone signed in may object, under their organization's real name (RA-13). */
export async function fileObjection(k: Kernel, actor: Actor, registrationId: string, input: ObjectionInput) {
  if (!actor.orgId) throw forbidden('FORBIDDEN', { reason: 'NO_ORG' });
  const objector = await orgInfo(k, actor.orgId);
  return k.db.transaction().execute(async (trx) => {
    const reg = await store.getRegistration(trx, registrationId, true);
    // The publicity board and issued certificates are public; other states are for the record's readers only.
    if (!reg || (!OPEN_TO_OBJECTION.includes(reg.state) && !canRead(actor, registrationSubject(reg))))
      throw notFound('RightsRegistration', registrationId);
    const key = groundsKey(input.grounds);
    const lapsed = (await store.listObjections(trx, reg.id)).filter((o) => o.state === 'lapsed');
    const facts: ObjectionFacts = {
      registrationState: reg.state,
      phase: phaseOf(reg.state),
      holderRefused: input.holderRefused,
      lapsedGroundsKeys: lapsed.map((o) => o.grounds_key),
      groundsKey: key,
    };
    const id = uuidv7();
    await transition(trx, k.workflow, {
      lifecycle: objectionLifecycle,
      action: 'file',
      actor,
      object: null,
      subject: { type: 'RightsObjection', id },
      facts,
      input,
      profile: profileOf(reg),
      values: {
        id,
        registration_id: reg.id,
        objector_org_id: objector.id,
        objector_name: objector.name,
        phase: facts.phase ?? 'during_publicity',
        grounds: input.grounds,
        grounds_key: key,
        evidence: JSON.stringify(input.evidence),
        created_by: actor.userId ?? null,
      },
    });
    const row = await store.getObjection(trx, id);
    if (!row) throw notFound('RightsObjection', id);
    return row;
  });
}

/** Opens a transaction with the objection and its registration locked; 404 when unreadable. */
async function withObjection<T>(
  k: Kernel,
  actor: Actor,
  id: string,
  fn: (trx: Tx, o: store.ObjectionRow, r: store.RegistrationRow) => Promise<T>,
): Promise<T> {
  return k.db.transaction().execute(async (trx) => {
    const o = await store.getObjection(trx, id, true);
    const r = o ? await store.getRegistration(trx, o.registration_id, true) : undefined;
    if (!o || !r || !canRead(actor, objectionSubject(o, r))) throw notFound('RightsObjection', id);
    return fn(trx, o, r);
  });
}

function objectionStep(
  trx: Tx,
  k: Kernel,
  o: store.ObjectionRow,
  r: store.RegistrationRow,
  action: keyof typeof objectionLifecycle.transitions,
  actor: Actor,
  extra: { input?: unknown; values?: Record<string, unknown> } = {},
) {
  return transition(trx, k.workflow, {
    lifecycle: objectionLifecycle,
    action,
    actor,
    object: o,
    subject: objectionSubject(o, r),
    input: extra.input,
    values: extra.values,
    profile: profileOf(r),
  });
}

/**
 * The registry accepts: the resolution clock `obj.resolve` starts; during publicity the registration
 * is suspended; after registration the objection is noted on the certificate (RA-12).
 */
export function acceptObjection(k: Kernel, actor: Actor, id: string) {
  return withObjection(k, actor, id, async (trx, o, r) => {
    const now = k.clock.now();
    const due = dueAt(k, now, profileOf(r).get<Duration>('obj.resolve'));
    const res = await objectionStep(trx, k, o, r, 'accept', actor, {
      values: { accepted_at: now, resolve_due_at: due },
    });
    if (r.state === 'publicity')
      await step(trx, k, r, 'suspend', systemActor('rights-objections'), { input: { objectionId: o.id } });
    if (o.phase === 'post_registration') await noteObjection(trx, k, r, o, 'objection_noted');
    return res;
  });
}

async function noteObjection(trx: Tx, k: Kernel, r: store.RegistrationRow, o: store.ObjectionRow, event: string) {
  const cert = await store.currentCertificateOf(trx, r.base_registration_id ?? r.id, true);
  if (cert) await noteOnCertificate(trx, k, cert, event, { objectionId: o.id, date: k.clock.now().toISOString() });
}

/** A court or arbitration body accepted the dispute: the ruling resolves it; the lapse clock stops. */
export function referObjection(k: Kernel, actor: Actor, id: string, courtFilingRef: string) {
  return withObjection(k, actor, id, (trx, o, r) =>
    objectionStep(trx, k, o, r, 'refer', actor, {
      input: { courtFilingRef },
      values: { court_filing_ref: courtFilingRef, outcome: 'referred' },
    }),
  );
}

/** Upheld: a suspended registration is terminated. */
export function upholdObjection(k: Kernel, actor: Actor, id: string, reason: string) {
  return withObjection(k, actor, id, async (trx, o, r) => {
    const res = await objectionStep(trx, k, o, r, 'uphold', actor, {
      input: { reason },
      values: { outcome: 'upheld' },
    });
    if (r.state === 'suspended')
      await step(trx, k, r, 'terminate', systemActor('rights-objections'), { input: { objectionId: o.id } });
    return res;
  });
}

/** Dismissed: publicity resumes (or, its window past, the registration registers); a certificate note goes. */
export async function dismissObjection(k: Kernel, actor: Actor, id: string, reason: string) {
  const parties = await partiesForObjection(k, id);
  return withObjection(k, actor, id, async (trx, o, r) => {
    const res = await objectionStep(trx, k, o, r, 'dismiss', actor, {
      input: { reason },
      values: { outcome: 'dismissed' },
    });
    await releaseRegistration(trx, k, o, r, parties);
    return res;
  });
}

async function partiesForObjection(k: Kernel, id: string): Promise<Parties | null> {
  const o = await store.getObjection(k.db, id);
  const r = o ? await store.getRegistration(k.db, o.registration_id) : undefined;
  return r ? partiesOf(k, r) : null;
}

/** After a dismissal or lapse: the suspension or the certificate note ends. */
async function releaseRegistration(
  trx: Tx,
  k: Kernel,
  o: store.ObjectionRow,
  r: store.RegistrationRow,
  parties: Parties | null,
) {
  const sys = systemActor('rights-objections');
  if (o.phase === 'post_registration' && o.state === 'accepted')
    await noteObjection(trx, k, r, o, 'objection_note_removed');
  if (r.state !== 'suspended') return;
  const end = clocksOf(r).publicityEnd;
  if (end && new Date(end) > k.clock.now()) {
    await step(trx, k, r, 'resume', sys, { input: { objectionId: o.id } });
    return;
  }
  await registerWith(trx, k, r, profileOf(r), parties, () =>
    step(trx, k, r, 'register', sys, { input: { objectionId: o.id } }),
  );
}

/**
 * The resolution clock ran out with no court or arbitration filing: Shenzhen lapses the objection
 * (its note goes; refiling on the same grounds is barred, RA-12); elsewhere the registration ends
 * (Guangdong refusal, Anhui termination: `obj.onTimeout` = terminate).
 */
export async function timeOutObjection(k: Kernel, id: string) {
  const parties = await partiesForObjection(k, id);
  const sys = systemActor('rights-clocks');
  return withObjection(k, sys, id, async (trx, o, r) => {
    if (o.state !== 'accepted') return o.state;
    if (profileOf(r).get<string>('obj.onTimeout') === 'lapse') {
      await objectionStep(trx, k, o, r, 'lapse', sys, { input: { rule: 'RA-12' }, values: { outcome: 'lapsed' } });
      await releaseRegistration(trx, k, o, r, parties);
      return 'lapsed';
    }
    await objectionStep(trx, k, o, r, 'time_out', sys, {
      input: { rule: 'obj.onTimeout' },
      values: { outcome: 'upheld' },
    });
    if (r.state === 'suspended') await step(trx, k, r, 'terminate', sys, { input: { objectionId: o.id } });
    return 'upheld';
  });
}

export async function listObjections(k: Kernel, actor: Actor, registrationId: string) {
  const r = await store.getRegistration(k.db, registrationId);
  if (!r || (r.state !== 'publicity' && !canRead(actor, registrationSubject(r))))
    throw notFound('RightsRegistration', registrationId);
  return store.listObjections(k.db, registrationId);
}

/** An objection, for whoever may read it (the registry, the parties, the objector): 404 otherwise. */
export async function getObjection(k: Kernel, actor: Actor, id: string) {
  const o = await store.getObjection(k.db, id);
  const r = o ? await store.getRegistration(k.db, o.registration_id) : undefined;
  if (!o || !r || !canRead(actor, objectionSubject(o, r))) throw notFound('RightsObjection', id);
  return o;
}
