import { AppError, notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { consentLifecycle } from '../lifecycle.js';
import * as store from '../store.js';
import { consentSubject } from '../subjects.js';

/** Props of decideConsent: the source unit's answer for each of its items (all of them, at once). */
export interface DecideConsentProps {
  items: {
    /** A demand item of this consent's source unit. */
    itemId: string;
    /** Silence is not consent: each item is answered. */
    decision: 'consent' | 'refuse';
    /** Conditions attached to a consent (shown to the reviewer and copied onto the Grant's field). */
    conditions?: string;
    /** Required with a refusal: the approval rejects the item with this reason. */
    reason?: string;
  }[];
}

/** A source unit decides each of its items: consent (with conditions) or refuse (with a reason). Silence is not consent. */
export async function decideConsent(k: Kernel, actor: Actor, consentId: string, input: DecideConsentProps) {
  return k.db.transaction().execute(async (trx) => {
    const c = await store.getConsent(trx, consentId, true);
    const app = c ? await store.getApplication(trx, c.application_id, true) : undefined;
    if (!c || !app) throw notFound('SourceConsent', consentId);
    const mine = (await store.listDemandItems(trx, app.id)).filter(
      (i) => i.source_unit_org_id === c.source_unit_org_id,
    );
    const byId = new Map(input.items.map((i) => [i.itemId, i]));
    const r = await transition(trx, k.workflow, {
      lifecycle: consentLifecycle,
      action: 'decide',
      actor,
      object: c,
      subject: consentSubject(c, app),
      input,
      values: { decided_by: actor.userId ?? null, decided_at: k.clock.now() },
    });
    if (input.items.some((i) => !mine.some((m) => m.id === i.itemId)))
      throw new AppError(422, 'CONSENT_NOT_FOR_UNIT', {});
    const undecided = mine.filter(
      (m) => !byId.has(m.id) || (byId.get(m.id)!.decision === 'refuse' && !byId.get(m.id)!.reason?.trim()),
    );
    if (undecided.length)
      throw new AppError(422, 'ITEM_DECISION_REQUIRED', { field: undecided.map((m) => m.field_name_zh).join('、') });
    for (const m of mine) {
      const d = byId.get(m.id)!;
      await store.setItemConsent(trx, m.id, {
        consent: d.decision,
        conditions: d.conditions,
        reason: d.reason,
        by: actor.userId ?? null,
        at: k.clock.now(),
      });
    }
    return r;
  });
}
