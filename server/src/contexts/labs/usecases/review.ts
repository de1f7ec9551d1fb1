import type { Tx } from '../../../kernel/db/tables.js';
import { uuidv7 } from '../../../kernel/ids.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { applicationLifecycle, labLifecycle } from '../lifecycle.js';
import { Review, type ShortlistInput } from '../model.js';
import * as store from '../store.js';
import { applicationSubject, contentOf, duplicateFacts, lockApplication } from './applications.js';
import { json, partiesSubject, today } from './common.js';
import { orgInfo, partnerBan } from './ports.js';

/**
 * The authority's review (000:L30 评审): accept into review, note (LAB-04 "not duplicate", LAB-06 director),
 * return with a reason, shortlist (creates the Lab with its ZHLAB number) or not select.
 */

const reviewsOf = (a: store.ApplicationRow) => Review.array().parse(a.reviews);
const review = (k: Kernel, actor: Actor, decision: string, reason: string) => ({
  decision,
  reason,
  by: actor.userId ?? null,
  at: k.clock.now().toISOString(),
});

async function step(k: Kernel, actor: Actor, id: string, run: (trx: Tx, a: store.ApplicationRow) => Promise<unknown>) {
  return k.db.transaction().execute(async (trx) => {
    const a = await lockApplication(trx, actor, id);
    await run(trx, a);
    return (await store.getApplication(trx, id))!;
  });
}

export const acceptApplication = (k: Kernel, actor: Actor, id: string) =>
  step(k, actor, id, (trx, a) =>
    transition(trx, k.workflow, {
      lifecycle: applicationLifecycle,
      action: 'accept',
      actor,
      object: a,
      subject: applicationSubject(a),
    }),
  );

/** LAB-04: the reviewer records that the similar pairs are not duplicates (shown beside the most similar labs). */
export const noteNotDuplicate = (k: Kernel, actor: Actor, id: string, note: string) =>
  step(k, actor, id, (trx, a) =>
    transition(trx, k.workflow, {
      lifecycle: applicationLifecycle,
      action: 'note',
      actor,
      object: a,
      subject: applicationSubject(a),
      input: { note },
      values: { duplicate_note: json({ note, by: actor.userId ?? null, at: k.clock.now().toISOString() }) },
    }),
  );

export const returnApplication = (k: Kernel, actor: Actor, id: string, reason: string) =>
  step(k, actor, id, (trx, a) =>
    transition(trx, k.workflow, {
      lifecycle: applicationLifecycle,
      action: 'return',
      actor,
      object: a,
      subject: applicationSubject(a),
      input: { reason },
      values: { reviews: json([...reviewsOf(a), review(k, actor, 'returned', reason)]) },
    }),
  );

export const notSelectApplication = (k: Kernel, actor: Actor, id: string, reason: string) =>
  step(k, actor, id, (trx, a) =>
    transition(trx, k.workflow, {
      lifecycle: applicationLifecycle,
      action: 'not_select',
      actor,
      object: a,
      subject: applicationSubject(a),
      input: { reason },
      values: {
        decided_at: k.clock.now(),
        reviews: json([...reviewsOf(a), review(k, actor, 'not_selected', reason)]),
      },
    }),
  );

/** Shortlists (LAB-04, LAB-05, LAB-06) and creates the Lab in `shortlisted` with its `ZHLAB-<year>-<seq>` number. */
export async function shortlistApplication(k: Kernel, actor: Actor, id: string, input: ShortlistInput) {
  const peek = await store.getApplication(k.db, id);
  const partner = peek ? await orgInfo(k, peek.partner_org_id) : null;
  return step(k, actor, id, async (trx, a) => {
    const c = contentOf(a);
    const dup = await duplicateFacts(trx, a);
    const labId = uuidv7();
    await transition(trx, k.workflow, {
      lifecycle: applicationLifecycle,
      action: 'shortlist',
      actor,
      object: a,
      subject: applicationSubject(a),
      facts: {
        sameScenario: dup.sameScenario,
        similar: dup.similar,
        duplicateNote: !!a.duplicate_note,
        ban: partner ? await partnerBan(trx, partner.uscc, today(k)) : null,
        director: c.director,
        directorAttested: input.directorAttested,
      },
      input,
      values: {
        lab_id: labId,
        shortlist_round: input.round,
        director_attested: input.directorAttested,
        similar_labs: json(dup.similar),
        decided_at: k.clock.now(),
        reviews: json([...reviewsOf(a), review(k, actor, 'shortlisted', input.comment)]),
      },
    });
    await createLab(trx, k, actor, a, labId);
  });
}

async function createLab(trx: Tx, k: Kernel, actor: Actor, a: store.ApplicationRow, labId: string) {
  const t = today(k);
  const prefix = `${k.profile.get<string>('lab.numberPrefix')}-${t.slice(0, 4)}-`;
  const labNo = `${prefix}${String(await store.nextSeq(trx, 'lab', prefix)).padStart(3, '0')}`;
  const row = { ...a, id: labId };
  await transition(trx, k.workflow, {
    lifecycle: labLifecycle,
    action: 'create',
    actor,
    object: null,
    subject: partiesSubject('Lab', row),
    input: { applicationId: a.id },
    values: {
      id: labId,
      lab_no: labNo,
      application_id: a.id,
      name: a.name,
      domain: a.domain,
      initiator_org_id: a.initiator_org_id,
      partner_org_id: a.partner_org_id,
      scenario_code: a.scenario_code,
      scenario_summary: a.scenario_summary,
      research_direction: a.research_direction,
      // LAB-06 passed: the director is on the application.
      director: json(contentOf(a).director),
      security_officer_user_id: a.security_officer_user_id,
      shortlisted_on: t,
      jurisdiction_id: a.jurisdiction_id,
      jurisdiction_path: json(a.jurisdiction_path),
    },
  });
}
