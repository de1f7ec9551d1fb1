import type { Kernel } from '../../../kernel/kernel.js';
import { systemActor } from '../../../kernel/workflow/actor.js';
import * as store from '../store.js';
import { changeCertificateStatus } from './certificates.js';
import { profileOf, step, today } from './common.js';
import { partiesOf } from './effects.js';
import { timeOutObjection } from './objections.js';
import { registerWith } from './review.js';

/**
 * The rights clocks (rights-assets.md "Deadlines and clocks"), run by the background task and by
 * tests with an injected clock: clean publicity registers; an unanswered correction is refused;
 * an objection past its resolution clock lapses or ends the registration; an unrenewed
 * certificate expires, or in `cert.autoCancelOnLapse` profiles is cancelled and announced (RA-15).
 */
export async function runRightsClocks(k: Kernel) {
  const now = k.clock.now();
  const sys = systemActor('rights-clocks');
  const out = { registered: 0, refused: 0, objections: 0, expired: 0, cancelled: 0 };
  for (const o of await store.listObjectionsDue(k.db, now)) {
    await timeOutObjection(k, o.id);
    out.objections++;
  }
  for (const r of await store.listWithClockBefore(k.db, 'publicity', 'publicityEnd', now)) {
    const parties = await partiesOf(k, r);
    await k.db.transaction().execute(async (trx) => {
      const row = await store.getRegistration(trx, r.id, true);
      if (row?.state !== 'publicity') return;
      const run = () => step(trx, k, row, 'register', sys, { input: { rule: 'publicity_clean' } });
      await registerWith(trx, k, row, profileOf(row), parties, run);
      out.registered++;
    });
  }
  for (const r of await store.listWithClockBefore(k.db, 'correction_requested', 'correctionDueAt', now)) {
    await k.db.transaction().execute(async (trx) => {
      const row = await store.getRegistration(trx, r.id, true);
      if (row?.state !== 'correction_requested') return;
      await step(trx, k, row, 'refuse_lapsed_correction', sys, { input: { rule: 'reg.correctionWD' } });
      out.refused++;
    });
  }
  for (const c of await store.listCertificatesValidBefore(k.db, today(k))) {
    await k.db.transaction().execute(async (trx) => {
      const cert = await store.getCertificate(trx, c.id, true);
      if (!cert || cert.state !== 'valid') return;
      // A lab plaque has no registration: it follows the profile it was issued under (its content's).
      const reg = cert.registration_id ? await store.getRegistration(trx, cert.registration_id) : undefined;
      const p = profileOf(reg ?? { profile: (cert.content as { profile: string }).profile });
      const cancel = p.get<boolean>('cert.autoCancelOnLapse');
      await changeCertificateStatus(trx, k, cert, cancel ? 'cancelled' : 'expired', {
        reason: cancel ? 'RA-15 lapsed, not renewed' : 'validity ended',
        profile: p,
      });
      if (cancel) out.cancelled++;
      else out.expired++;
    });
  }
  return out;
}

/** The background task of a running server (jobs.ts lists each context's tasks). */
export const rightsTasks = [
  { name: 'rights-clocks', everyMs: 60_000, run: (k: Kernel) => runRightsClocks(k).then(() => undefined) },
];
