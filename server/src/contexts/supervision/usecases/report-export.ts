import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { shanghaiDate } from '../../../kernel/calendar/calendar.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { orgNames } from '../../identity/service.js';
import { Correction, type ReportKind } from '../model.js';
import { draftOf, getReport } from './reports.js';

// A report as a Word document (supervision.md "Exports"): each figure with the computed value beside the
// reported one, its query and the checkpoint size anyone can recompute it at, and the signature and seal.

const FONT = 'SimSun';
const para = (text: string, bold = false, center = false) =>
  new Paragraph({
    alignment: center ? AlignmentType.CENTER : undefined,
    children: [new TextRun({ text, bold, size: bold ? 28 : 22, font: FONT })],
  });
const cell = (text: string) => new TableCell({ children: [para(text)] });

const KIND_ZH: Record<ReportKind, string> = {
  lab_usage_quarterly: '实验室数据使用情况季度报告',
  operator_security_semiannual: '数据安全情况半年报告',
  operator_operating_periodic: '授权运营情况定期报告',
  operator_audit_materials: '审计材料',
};
const FIGURE_ZH: Record<string, string> = {
  grants: '有效授权数',
  jobs: '数据处理作业数',
  egress_approved: '批准出域申请数',
  egress_denied: '驳回出域申请数',
  incidents: '安全事件数',
  drills: '应急演练次数',
  products: '新建数据产品数',
  workspaces: '新开工作空间数',
};
const STATE_ZH: Record<string, string> = {
  scheduled: '待起草',
  drafted: '已起草',
  submitted: '已提交',
  returned: '已退回',
  accepted: '已通过',
  overdue: '已逾期',
};
const local = (d: Date | null) => (d ? `${shanghaiDate(d)}` : '—');

export async function exportReportDocx(k: Kernel, actor: Actor, id: string) {
  const r = await getReport(k, actor, id);
  const names = await orgNames(k.db, [r.subject_org_id]);
  const draft = draftOf(r);
  const corrections = Correction.array().parse(r.corrections);
  const reported = new Map(corrections.map((c) => [c.key, c]));
  const rows = (draft?.figures ?? []).map((f) => {
    const c = reported.get(f.key);
    return new TableRow({
      children: [
        cell(FIGURE_ZH[f.key] ?? f.key),
        cell(String(f.value)),
        cell(String(c ? c.reportedValue : f.value)),
        cell(c?.reason ?? ''),
        cell(`${f.queryId} @ ${f.checkpointSize}`),
      ],
    });
  });
  const header = new TableRow({
    children: ['统计项', '系统统计值', '报送值', '修改理由', '查询与账本检查点'].map(cell),
  });
  const doc = new Document({
    sections: [
      {
        children: [
          para(KIND_ZH[r.kind as ReportKind] ?? r.kind, true, true),
          para(`报送单位：${names.get(r.subject_org_id) ?? r.subject_org_id}`),
          para(`报告期：${r.period_from} 至 ${r.period_to}`),
          para(`报送期限：${local(r.due_at)}${r.provisional ? '（临时日历，待官方放假安排确认）' : ''}`),
          para(`状态：${STATE_ZH[r.state] ?? r.state}${r.late ? '（逾期提交）' : ''}`),
          para(''),
          new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] }),
          para(''),
          para(`说明：${draft?.narrative ?? ''}`),
          para(`提交时间：${local(r.submitted_at)}；签名：${r.signed_by ?? '—'}；电子印章：${r.seal_ref ?? '—'}`),
          ...(r.review_comments ? [para(`审核意见：${r.review_comments}`)] : []),
        ],
      },
    ],
  });
  return { buffer: await Packer.toBuffer(doc), filename: `report-${r.id}.docx` };
}
