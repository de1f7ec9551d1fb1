import { z } from 'zod';
import { notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { canRead } from '../../../kernel/workflow/authorize.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { isValidIdNumber, maskIdNumber } from '../codes.js';
import { userLifecycle } from '../lifecycle.js';
import type { IdentityCheckFacts } from '../rules.js';
import { orgSubject } from '../policy.js';
import * as store from '../store.js';

export const RealNameInput = z.object({
  idNumber: z.string().min(15).max(32),
  mobile: z.string().regex(/^1[3-9]\d{9}$/),
});
export type RealNameInput = z.infer<typeof RealNameInput>;

const maskMobile = (m: string) => `${m.slice(0, 3)}****${m.slice(7)}`;

/**
 * LGN-07: org_admin records that a member's ID number (GB 11643) and mobile were verified (实名核验,
 * in person), never for themselves. Until then the member cannot be made signatory or security
 * officer. The ID number is stored SM4-encrypted; the ledger keeps only masked values.
 */
export async function recordRealNameCheck(
  k: Kernel,
  actor: Actor,
  orgId: string,
  membershipId: string,
  input: RealNameInput,
) {
  return k.db.transaction().execute(async (trx) => {
    const o = await store.getOrg(trx, orgId);
    const m = await store.getMembership(trx, membershipId);
    if (!o || !m || m.org_id !== orgId || !canRead(actor, orgSubject(o))) throw notFound('Membership', membershipId);
    const u = (await store.getUser(trx, m.user_id, true))!;
    const now = k.clock.now();
    const idNumber = input.idNumber.trim().toUpperCase();
    const facts: IdentityCheckFacts = { idNumberValid: isValidIdNumber(idNumber, now) };
    const shown = { idNumber: maskIdNumber(idNumber), mobile: maskMobile(input.mobile) };
    return transition(trx, k.workflow, {
      lifecycle: userLifecycle,
      action: 'verify_identity',
      actor,
      object: u,
      facts,
      input: shown,
      payload: { input: shown },
      subject: { ...orgSubject(o), type: 'User', id: u.id, createdBy: null, subjectUserId: u.id },
      values: {
        id_number_enc: k.secrets.masterKeys.encrypt(idNumber),
        id_verified_at: now,
        mobile: input.mobile,
        mobile_verified_at: now,
      },
    });
  });
}
