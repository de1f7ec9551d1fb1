// The rights context's port: what other contexts may call (style.md §1). The labs context issues,
// supersedes and revokes lab plaques here (labs.md; decision 0077) inside its own transaction.
import type { Kernel } from '../../kernel/kernel.js';
import { notFound } from '../../kernel/http/errors.js';
import type { CertificateStatus, SignedContent } from './model.js';
import * as store from './store.js';
import { certificateBundle } from './usecases/public.js';
import { verifyBundle } from './verify.js';
import { followContracts } from '../products/service.js';
import { registerExchangeContract } from './usecases/exchange-registration.js';

// RA-08: a contract filed with the exchange registers its licence in the filing's own transaction (decision 0083).
followContracts('rights', registerExchangeContract);

export {
  currentLabPlaque,
  issueLabPlaque,
  labSubjectRef,
  PLAQUE_REASONS,
  revokeLabPlaque,
  type LabPlaqueInput,
  type PlaqueRevocationReason,
} from './usecases/plaques.js';
export type { CertificateBundle, LabPlaqueContent, VerifyView } from './model.js';
export { certificateBundle, verifyBundle };

/** A certificate's public status (anyone may verify a certificate, RA-23): no content beyond the holder. */
export interface CertificatePublicStatus {
  number: string;
  kind: string;
  holder: string;
  status: CertificateStatus;
  validFrom: string;
  validTo: string;
  /** The public verification page and the offline bundle (QR target). */
  verifyPath: string;
  bundlePath: string;
}

/** Reads a certificate's public status by number; NOT_FOUND for an unknown number. */
export async function certificateStatus(k: Kernel, certNo: string): Promise<CertificatePublicStatus> {
  const c = await store.getCertificateByNo(k.db, certNo);
  if (!c) throw notFound('RightsCertificate', certNo);
  const content = c.content as SignedContent; // written by issueCertificate/issueLabPlaque
  const no = encodeURIComponent(c.cert_no);
  return {
    number: c.cert_no,
    kind: c.kind,
    holder: content.holder.name,
    status: c.state as CertificateStatus,
    validFrom: c.valid_from,
    validTo: c.valid_to,
    verifyPath: `/verify/certificates/${no}`,
    bundlePath: `/api/v1/public/certificates/${no}`,
  };
}
