import { inflateSync } from 'node:zlib';
import jsQR from 'jsqr';
import { PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { actors, registerFirst } from './test/factories.js';

/** Issue 17: the printable certificate (RA-21) with embedded Chinese font and a verifying QR code (RA-23). */

const clock = new FixedClock(new Date('2026-02-02T02:00:00Z'));
let t: TestApp;
let certNo: string;
let bundle: any;
let pdfBytes: Buffer;
let contentType: string;

beforeAll(async () => {
  t = await startTestApp({ clock });
  const a = await actors(t);
  ({ certNo } = await registerFirst(t, a, (d) => clock.advanceMs(d * 86400_000)));
  const no = encodeURIComponent(certNo);
  bundle = (await t.anonymous.get(`/api/v1/public/certificates/${no}`)).json();
  const res = await t.anonymous.get(`/api/v1/public/certificates/${no}/certificate.pdf`);
  expect(res.statusCode, res.body).toBe(200);
  pdfBytes = res.rawPayload;
  contentType = String(res.headers['content-type']);
}, 120_000);
afterAll(() => t?.close());

/** Every stream dictionary of the file with a given /Subtype or /Type. */
function objectsOf(doc: PDFDocument, key: 'Subtype' | 'Type', value: string) {
  return doc.context
    .enumerateIndirectObjects()
    .map(([, o]) => o)
    .filter((o): o is PDFRawStream | PDFDict => {
      const dict = o instanceof PDFRawStream ? o.dict : o instanceof PDFDict ? o : undefined;
      return dict?.get(PDFName.of(key)) === PDFName.of(value);
    });
}

/** The QR image as the PDF stores it (pdf-lib: 8-bit DeviceRGB, Flate), back to RGBA for the decoder. */
function decodeQrImage(doc: PDFDocument) {
  const [img] = objectsOf(doc, 'Subtype', 'Image') as PDFRawStream[];
  const num = (k: string) => (img!.dict.get(PDFName.of(k)) as PDFNumber).asNumber();
  const [w, h] = [num('Width'), num('Height')];
  expect(img!.dict.get(PDFName.of('ColorSpace'))).toBe(PDFName.of('DeviceRGB'));
  const rgb = inflateSync(img!.contents);
  const rgba = new Uint8ClampedArray(w * h * 4);
  for (let i = 0; i < w * h; i++) {
    rgba.set([rgb[i * 3]!, rgb[i * 3 + 1]!, rgb[i * 3 + 2]!, 255], i * 4);
  }
  return jsQR(rgba, w, h)?.data;
}

describe('issue 17: printable certificate PDF (RA-21, RA-23)', () => {
  it('answers a PDF that parses, one A4 page, no login needed', async () => {
    expect(contentType).toContain('application/pdf');
    expect(pdfBytes.subarray(0, 5).toString()).toBe('%PDF-');
    const doc = await PDFDocument.load(pdfBytes);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getTitle()).toContain(certNo);
  });

  it('embeds the Chinese font (a TrueType font file inside the PDF), subset to the printed characters', async () => {
    const doc = await PDFDocument.load(pdfBytes);
    const descriptors = objectsOf(doc, 'Type', 'FontDescriptor') as PDFDict[];
    expect(descriptors.length).toBeGreaterThan(0);
    const file = doc.context.lookup(descriptors[0]!.get(PDFName.of('FontFile2')));
    expect(file).toBeInstanceOf(PDFRawStream);
    const size = (file as PDFRawStream).contents.length;
    expect(size).toBeGreaterThan(2_000);
    expect(size).toBeLessThan(200_000); // the whole Noto Sans SC is ~1.5 MB: this is a subset
  });

  it('carries a QR code that decodes to the verification link with the number, content digest and signature', async () => {
    const doc = await PDFDocument.load(pdfBytes);
    const data = decodeQrImage(doc);
    expect(data).toBeTruthy();
    const url = new URL(data!);
    expect(decodeURIComponent(url.pathname)).toBe(`/verify/certificates/${certNo}`);
    expect(url.searchParams.get('d')).toBe(bundle.log.leaf.contentDigest);
    expect(url.searchParams.get('s')).toBe(bundle.signature.value);
  });

  it('refuses an unknown number with the error shape, not a 5xx', async () => {
    const res = await t.anonymous.get('/api/v1/public/certificates/SZDR-1999-000000/certificate.pdf');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBeTruthy();
  });
});
