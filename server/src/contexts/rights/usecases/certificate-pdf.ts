import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import QRCode from 'qrcode';
import subsetFont from 'subset-font';
import type { Kernel } from '../../../kernel/kernel.js';
import type { CertificateBundle } from '../model.js';
import { type CertificateSheet, certificateSheet, sheetText } from './certificate-pdf-text.js';
import { certificateBundle } from './public.js';
import { qrLink } from './qr.js';

/**
 * The printable certificate (issue 17; RA-21 "electronic and paper forms have equal effect"). Decision 0076:
 * pdf-lib draws the page; the Chinese font is Noto Sans SC (OFL) from the @fontsource/noto-sans-sc npm
 * package, cut by harfbuzz (subset-font) to exactly the characters printed and embedded, so the PDF renders
 * on a machine without CJK fonts and a fresh `npm install` prints the same page.
 */

const require = createRequire(import.meta.url);
const FONT_FILE = '@fontsource/noto-sans-sc/files/noto-sans-sc-chinese-simplified-400-normal.woff';
let fontBytes: Promise<Buffer> | undefined;
const notoSansSc = () => {
  fontBytes ??= readFile(require.resolve(FONT_FILE));
  return fontBytes;
};

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const INK = rgb(0.1, 0.1, 0.12);
const MUTED = rgb(0.42, 0.42, 0.45);
const ACCENT = rgb(0.62, 0.1, 0.1);
const QR_SIZE = 132;
const PLAIN = { liga: false, kern: false, calt: false, ccmp: false, locl: false, palt: false };
const FOOTNOTE = ['扫码验证：二维码含证书编号、内容摘要与签名，链接至公开验证页面', '电子证书与纸质证书具有同等效力'];

export async function certificatePdf(k: Kernel, certNo: string, origin: string): Promise<Uint8Array> {
  return renderCertificatePdf(await certificateBundle(k, certNo), origin);
}

/** One A4 page: title, the content fields, encumbrances and objection notes, status, proof, QR. */
export async function renderCertificatePdf(b: CertificateBundle, origin: string): Promise<Uint8Array> {
  const sheet = certificateSheet(b);
  const link = qrLink(origin, b);
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const glyphs = await subsetFont(
    await notoSansSc(),
    sheetText(sheet, [...FOOTNOTE, '他项权益', '异议记载', '状态', '无']),
    {
      targetFormat: 'truetype',
    },
  );
  // Already cut to the page's characters: pdf-lib's own subsetter drops glyphs of this font. Layout features
  // stay off: with ligatures and contextual forms on, pdf-lib writes widths that space digits and "ff" apart.
  const font = await doc.embedFont(glyphs, { subset: false, features: PLAIN });
  const issued = new Date(b.certificate.issuedAt);
  doc.setTitle(`${sheet.title} ${b.certificate.certNo}`);
  doc.setCreator('数运 Shuyun');
  doc.setProducer('数运 Shuyun');
  doc.setCreationDate(issued);
  doc.setModificationDate(issued);
  const page = doc.addPage(A4);
  drawSheet(page, font, sheet);
  const qr = await QRCode.toBuffer(link, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 264 });
  const image = await doc.embedPng(qr);
  page.drawImage(image, { x: A4[0] - MARGIN - QR_SIZE, y: MARGIN + 28, width: QR_SIZE, height: QR_SIZE });
  page.drawText('扫码验证', { x: A4[0] - MARGIN - QR_SIZE / 2 - 20, y: MARGIN + 14, size: 10, font, color: MUTED });
  return doc.save();
}

function drawSheet(page: PDFPage, font: PDFFont, s: CertificateSheet) {
  const [w, h] = [A4[0], A4[1]];
  page.drawRectangle({ x: 24, y: 24, width: w - 48, height: h - 48, borderColor: ACCENT, borderWidth: 2 });
  const titleW = font.widthOfTextAtSize(s.title, 26);
  page.drawText(s.title, { x: (w - titleW) / 2, y: h - 96, size: 26, font, color: ACCENT });
  let y = h - 140;
  const line = (label: string, value: string, size = 11, labelW = 110) => {
    page.drawText(label, { x: MARGIN, y, size, font, color: MUTED });
    for (const part of wrap(font, value, size, w - 2 * MARGIN - labelW)) {
      page.drawText(part, { x: MARGIN + labelW, y, size, font, color: INK });
      y -= size + 7;
    }
  };
  for (const [label, value] of s.fields) line(label, value);
  y -= 6;
  line('他项权益', s.encumbrances.length ? s.encumbrances.join('；') : '无');
  line('异议记载', s.objectionNotes.length ? s.objectionNotes.join('；') : '无');
  line('状态', s.status);
  y -= 10;
  const proofWidth = w - 2 * MARGIN - QR_SIZE - 16;
  for (const [label, value] of s.proof) {
    page.drawText(label, { x: MARGIN, y, size: 8, font, color: MUTED });
    y -= 11;
    for (const part of wrap(font, value, 8, proofWidth)) {
      page.drawText(part, { x: MARGIN, y, size: 8, font, color: INK });
      y -= 11;
    }
  }
  FOOTNOTE.forEach((t, i) => {
    page.drawText(t, { x: MARGIN, y: MARGIN + 14 * (FOOTNOTE.length - i) - 6, size: 9, font, color: MUTED });
  });
}

/** Breaks text into lines no wider than `width` (character by character: Chinese has no spaces). */
export function wrap(font: PDFFont, text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const ch of text) {
    if (current && font.widthOfTextAtSize(current + ch, size) > width) {
      lines.push(current);
      current = '';
    }
    current += ch;
  }
  return lines.length || current ? [...lines, current] : [''];
}
