import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import { notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { canRead } from '../../../kernel/workflow/authorize.js';
import * as market from '../store/market.js';
import * as products from '../store/products.js';
import { contractDigest, contractSubject } from './orders.js';

// The filed contract as a Word document (products-market.md "Exports"), carrying the SM3 digest the ledger holds.

const FONT = 'SimSun';
const para = (text: string, bold = false, center = false) =>
  new Paragraph({
    alignment: center ? AlignmentType.CENTER : undefined,
    children: [new TextRun({ text, bold, size: bold ? 28 : 22, font: FONT })],
  });
const day = (d: Date | string) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));
const yuan = (fen: number) => `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

export async function exportContractDocx(k: Kernel, actor: Actor, id: string) {
  const c = await market.getContract(k.db, id);
  if (!c || !canRead(actor, contractSubject(c))) throw notFound('Contract', id);
  const p = await products.getProduct(k.db, c.product_id);
  const digest = c.sm3 ?? contractDigest(c);
  const doc = new Document({
    sections: [
      {
        children: [
          para('数据产品交易合同', true, true),
          para(`合同编号：${c.id}`),
          para(`产品：${p?.name_zh ?? c.product_id}（${p?.code ?? ''}）`),
          para(`用途：${c.purpose}`),
          para(`应用场景：${c.scenario}`),
          para(`交付方式：${c.delivery_mode}`),
          para(`期限：${day(c.term_from)} 至 ${day(c.term_to)}`),
          para(`计费单位：${c.unit}；单价（备案价）：¥${yuan(Number(c.unit_price_fen))}`),
          para(`免费依据：${c.free_basis}`),
          para(`调用额度：每日 ${c.quota_per_day}，每月 ${c.quota_per_month}`),
          para(`禁止向第三方转让交付物：${c.onward_transfer ? '否' : '是'}`),
          para(`客户分账子账户：${c.customer_sub_account_no ?? ''}`),
          para(`合同内容：${c.content ?? ''}`),
          para(`备案：${c.filed_with ?? '未备案'} ${c.filed_at ? c.filed_at.toISOString() : ''}`),
          para(''),
          para(`合同摘要（SM3）：${digest}`),
        ],
      },
    ],
  });
  return { buffer: await Packer.toBuffer(doc), filename: `contract-${c.id}.docx` };
}
