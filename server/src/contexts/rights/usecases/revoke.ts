import { notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { canRead } from '../../../kernel/workflow/authorize.js';
import * as store from '../store.js';
import { certificateSubject, changeCertificateStatus } from './certificates.js';
import { profileOf } from './common.js';

/** The registry revokes a certificate on a RA-17 ground; the revocation is a new leaf of its log. */
export async function revokeCertificate(
  k: Kernel,
  actor: Actor,
  certNo: string,
  input: { ground: string; reason: string },
) {
  return k.db.transaction().execute(async (trx) => {
    const found = await store.getCertificateByNo(trx, certNo);
    const cert = found ? await store.getCertificate(trx, found.id, true) : undefined;
    // A lab plaque (no registration) is revoked through the labs context, not here.
    const reg = cert?.registration_id ? await store.getRegistration(trx, cert.registration_id) : undefined;
    if (!cert || !reg || !canRead(actor, certificateSubject(cert))) throw notFound('RightsCertificate', certNo);
    await changeCertificateStatus(trx, k, cert, 'revoked', { actor, ...input, profile: profileOf(reg) });
    const after = await store.getCertificate(trx, cert.id);
    if (!after) throw notFound('RightsCertificate', certNo);
    return after;
  });
}
