import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { assertAuthorized } from '../../../kernel/workflow/authorize.js';
import { orgNames } from '../../identity/service.js';
import * as dstore from '../store/disclosures.js';

// PM-29 (NDRC-65; 002:L229): the operator's annual operating report as a Word document, generated from what the
// platform holds for the year — its products by state, the contracts it filed, its bills (billed, received,
// distributed) and its effective fee standards under their caps. The same approach as contract-export.ts.

const FONT = 'SimSun';
const para = (text: string, bold = false, center = false) =>
  new Paragraph({
    alignment: center ? AlignmentType.CENTER : undefined,
    children: [new TextRun({ text, bold, size: bold ? 28 : 22, font: FONT })],
  });
const yuan = (fen: number) => `¥${Math.trunc(fen / 100)}.${String(Math.abs(fen % 100)).padStart(2, '0')}`;

const STATE_ZH: Record<string, string> = {
  draft: '草稿',
  in_review: '审查中',
  rejected: '未通过',
  approved: '审查通过',
  registered: '已登记',
  active: '已上架',
  suspended: '已暂停',
  retired: '已退市',
};

/** The caller's own org (an operator) exports its report for a year; anyone else is refused before any read. */
export async function exportOperatingReport(k: Kernel, actor: Actor, year: number) {
  const orgId = actor.orgId ?? '';
  assertAuthorized(
    actor,
    'operating_report.export',
    { type: 'OperatingReport', ownerOrgId: orgId },
    k.clock.now(),
    k.profile,
  );
  const products = await dstore.productsOfOperator(k.db, orgId);
  const fees = await dstore.feeStandardsOf(k.db, orgId);
  const figures = await dstore.operatingYearOf(k.db, orgId, year);
  const names = await orgNames(k.db, [orgId]);
  const byState = new Map<string, number>();
  for (const p of products) byState.set(p.state, (byState.get(p.state) ?? 0) + 1);
  const doc = new Document({
    sections: [
      {
        children: [
          para(`${names.get(orgId) ?? orgId} ${year} 年度公共数据授权运营报告`, true, true),
          para(
            `截止日期：${year + 1}-${k.profile.get<string>('report.operatingAnnualDue')}（上限收费标准与定价依据见国家发展改革委、国家数据局文件）`,
          ),
          para('一、数据产品和服务', true),
          para(`产品总数：${products.length}`),
          ...[...byState].map(([s, n]) => para(`${STATE_ZH[s] ?? s}：${n}`)),
          ...products.map((p) => para(`${p.code} ${p.name_zh}（${STATE_ZH[p.state] ?? p.state}）`)),
          para('二、交易与结算', true),
          para(`本年度备案合同：${figures.contracts} 份，客户 ${figures.buyers} 家`),
          para(`本年度账单：${figures.bills} 张，应收 ${yuan(figures.billedFen)}，已到账 ${yuan(figures.receivedFen)}`),
          para(`已完成收益分配：${yuan(figures.distributedFen)}`),
          para('三、实际收费标准', true),
          ...(fees.length
            ? fees.map((f) =>
                para(
                  `${f.code} ${f.name_zh}：${yuan(f.price_fen)}/${f.unit_definition}（上限 ${f.cap_fen === null ? '—' : yuan(f.cap_fen)}，备案号 ${f.filing_no}）`,
                ),
              )
            : [para('无生效的备案价格')]),
        ],
      },
    ],
  });
  return { buffer: await Packer.toBuffer(doc), filename: `operating-report-${year}.docx` };
}
