import type { Kernel } from '../../../kernel/kernel.js';
import { uuidv7 } from '../../../kernel/ids.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import type { Subject } from '../../../kernel/workflow/authorize.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { AppError, notFound } from '../../../kernel/http/errors.js';
import { guideLifecycle } from '../lifecycle.js';
import type { PublishGuideInput } from '../model.js';
import * as store from '../store.js';
import { asStrings, assertLabsEnabled, authorityRole, json } from './common.js';

/** Guides (申报指南, 000:L8–9, L26): the authority publishes the call with its evaluation indicator set. */

/** A published call is public: any signed-in applicant reads it (labs.md "Authority: call management"). */
export const guideSubject = (g: store.GuideRow): Subject => ({
  type: 'LabGuide',
  id: g.id,
  jurisdictionId: g.jurisdiction_id,
  jurisdictionPath: asStrings(g.jurisdiction_path),
  ownerOrgId: g.authority_org_id,
  publicRead: g.state === 'published' || g.state === 'closed',
});

export async function publishGuide(k: Kernel, actor: Actor, input: PublishGuideInput) {
  assertLabsEnabled(k);
  const role = authorityRole(actor);
  if (input.windowTo < input.windowFrom) throw new AppError(422, 'LAB_DATE_INVALID', { field: 'windowTo' });
  const id = uuidv7();
  return k.db.transaction().execute(async (trx) => {
    const prefix = `ZHLAB-GUIDE-${input.year}-`;
    const guideNo = `${prefix}${String(await store.nextSeq(trx, 'lab_guide', prefix)).padStart(2, '0')}`;
    await transition(trx, k.workflow, {
      lifecycle: guideLifecycle,
      action: 'publish',
      actor,
      object: null,
      subject: {
        type: 'LabGuide',
        id,
        jurisdictionId: role.jurisdictionId,
        jurisdictionPath: role.jurisdictionPath,
        ownerOrgId: actor.orgId,
      },
      input,
      values: {
        id,
        guide_no: guideNo,
        title: input.title,
        year: input.year,
        window_from: input.windowFrom,
        window_to: input.windowTo,
        domains: json(input.domains),
        indicators: json(input.indicators),
        description: input.description,
        authority_org_id: actor.orgId,
        jurisdiction_id: role.jurisdictionId,
        jurisdiction_path: json(role.jurisdictionPath),
        published_at: k.clock.now(),
        created_by: actor.userId ?? null,
      },
    });
    return (await store.getGuide(trx, id))!;
  });
}

export async function closeGuide(k: Kernel, actor: Actor, id: string) {
  return k.db.transaction().execute(async (trx) => {
    const g = await store.getGuide(trx, id, true);
    if (!g) throw notFound('LabGuide', id);
    await transition(trx, k.workflow, {
      lifecycle: guideLifecycle,
      action: 'close',
      actor,
      object: g,
      subject: guideSubject(g),
    });
    return (await store.getGuide(trx, id))!;
  });
}

export async function getGuide(k: Kernel, id: string) {
  const g = await store.getGuide(k.db, id);
  if (!g) throw notFound('LabGuide', id);
  return g;
}

export const listGuides = (k: Kernel) => store.listGuides(k.db);
