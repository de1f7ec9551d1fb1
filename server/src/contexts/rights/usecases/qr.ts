import QRCode from 'qrcode';
import type { Kernel } from '../../../kernel/kernel.js';
import { certificateBundle } from './public.js';

/**
 * The certificate's QR code (issue 17): it holds the number, the SM3 content digest and the
 * signature, as a link to the public verification page, so a scan both identifies the
 * certificate and lets the page check that the printed copy matches the registry's record.
 */
export function qrLink(
  origin: string,
  b: { certificate: { certNo: string }; log: { leaf: { contentDigest?: string } }; signature: { value: string } },
) {
  const q = new URLSearchParams({ d: b.log.leaf.contentDigest ?? '', s: b.signature.value });
  return `${origin}/verify/certificates/${encodeURIComponent(b.certificate.certNo)}?${q.toString()}`;
}

export async function certificateQrPng(k: Kernel, certNo: string, origin: string): Promise<Buffer> {
  const b = await certificateBundle(k, certNo);
  return QRCode.toBuffer(qrLink(origin, b), { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 320 });
}
