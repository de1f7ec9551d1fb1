import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { sm3Hex } from '../../kernel/crypto/sm3.js';
import type { Kernel } from '../../kernel/kernel.js';
import type { Actor } from '../../kernel/workflow/actor.js';
import { AppError } from '../../kernel/http/errors.js';
import { TERMINATION_REASONS } from './model.js';
import { getAgreementDetail, getApplicationDetail } from './usecases/queries.js';

// Word exports of issue 05: the approved application (授权使用申请表) and an operation agreement draft.
// 政务 users edit Word/WPS; each document carries the SM3 fingerprint of its data.

const FONT = 'SimSun';
const p = (text: string, o: { bold?: boolean; size?: number; center?: boolean } = {}) =>
  new Paragraph({
    alignment: o.center ? AlignmentType.CENTER : undefined,
    children: [new TextRun({ text, bold: o.bold, size: o.size ?? 22, font: FONT })],
  });
const h = (text: string) =>
  new Paragraph({
    heading: HeadingLevel.HEADING_2,
    children: [new TextRun({ text, bold: true, size: 26, font: FONT })],
  });
const cell = (text: string, bold = false) => new TableCell({ children: [p(text, { bold })] });
const table = (rows: string[][], header = true) =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map((r, i) => new TableRow({ children: r.map((c) => cell(c, header && i === 0)) })),
  });
const kv = (pairs: [string, string][]) =>
  table(
    pairs.map(([a, b]) => [a, b]),
    false,
  );

const GRADE_ZH: Record<string, string> = { general: '一般', important: '重要', core: '核心' };
const DECISION_ZH: Record<string, string> = {
  accepted: '同意',
  accepted_with_conditions: '附条件同意',
  rejected: '不同意',
};
const METHOD_ZH: Record<string, string> = {
  sandbox_query: '沙箱查询',
  data_service: '数据服务',
  model_scoring: '模型评分',
  psi: '隐私求交',
  other: '其他',
};
const PURPOSE_ZH: Record<string, string> = {
  public_governance: '公共治理',
  public_welfare: '公益事业',
  industry: '产业发展',
  sector: '行业发展',
};

async function pack(children: (Paragraph | Table)[], fingerprintOf: unknown) {
  const fp = sm3Hex(JSON.stringify(fingerprintOf));
  const doc = new Document({
    sections: [{ children: [...children, p(''), p(`数据指纹（SM3）：${fp}`, { size: 16 })] }],
  });
  return { buffer: await Packer.toBuffer(doc), sm3: fp };
}

/** 授权使用申请表 of an approved application (002:L177 items, per-field decisions). */
export async function exportApplicationDocx(k: Kernel, actor: Actor, id: string) {
  const a = await getApplicationDetail(k, actor, id);
  if (a.state !== 'approved') throw new AppError(409, 'INVALID_TRANSITION', { action: 'export', from: a.state });
  const children = [
    p('公共数据资源授权使用申请表', { bold: true, size: 36, center: true }),
    p(`编号：${a.applicationNo}    申请单位：${a.applicantName ?? ''}`, { center: true }),
    h('一、基本信息'),
    kv([
      ['应用场景', `${a.scenario.title}：${a.scenario.description ?? ''}`],
      ['服务对象', a.serviceObjects.join('、')],
      ['服务范围', [...(a.serviceScope.regions ?? []), ...(a.serviceScope.industries ?? [])].join('、')],
      ['服务期限', `${a.servicePeriod.from} 至 ${a.servicePeriod.to}`],
      ['预期成效', `${a.expectedOutcome.text ?? ''}（指标：${(a.expectedOutcome.indicators ?? []).join('；')}）`],
      ['数据开发利用方式', a.developmentMethods.map((m) => METHOD_ZH[m] ?? m).join('、')],
      ['数据使用时限', a.usageTimeLimit],
      ['用途类别', PURPOSE_ZH[a.purposeCategory] ?? a.purposeCategory],
      ['风险评估责任人', a.riskAssessment?.responsiblePerson ?? ''],
    ]),
    h('二、数据需求清单（最小必要）'),
    table([
      ['序号', '数据资源', '数据项', '分级', '个人信息', '必要性说明', '脱敏方式', '审核结论'],
      ...a.items.map((i, n) => [
        String(n + 1),
        i.resourceNameZh,
        i.fieldNameZh,
        GRADE_ZH[i.grade ?? ''] ?? '未分级',
        i.personal ? '是' : '否',
        i.justification,
        i.requestedMasking?.method ?? 'none',
        `${DECISION_ZH[i.decision ?? ''] ?? '—'}${i.decisionReason ? `（${i.decisionReason}）` : ''}`,
      ]),
    ]),
    h('三、审核记录'),
    table([
      ['审核环节', '结论', '意见', '时间'],
      ...a.reviews.map((r) => [r.decision === 'endorsed' ? '初审' : '审核', r.decision, r.reason ?? '', r.at ?? '']),
    ]),
    p(''),
    p('申请单位（盖章）：                    实施机构（盖章）：'),
  ];
  return pack(children, { id: a.id, version: a.version, items: a.items.map((i) => [i.fieldCode, i.decision]) });
}

/** 授权运营协议（草案）: parties, term, catalog, obligations, prohibitions, the 9 termination cases. */
export async function exportAgreementDocx(k: Kernel, actor: Actor, id: string) {
  const a = await getAgreementDetail(k, actor, id);
  const termYears = k.profile.get<number>('authorization.termYears');
  const reasonsZh = [
    '授权运营协议到期或因运营机构自身原因提前终止协议的',
    '运营机构在数据运营过程中违反授权运营协议的',
    '运营机构违规使用公共数据的',
    '运营机构未按照授权运营协议和数据管理相关要求采取安全保障措施的',
    '发生重大安全隐患或数据安全事件，造成不良影响或严重后果的',
    '运营机构未能完成协议约定内容要求，经协商无法达成一致的',
    '运营机构评估结果不符合授权运营要求',
    '因国家法律法规或政策发生变化，导致授权运营资格、方式等调整或取消的',
    '法律、法规、规章、规范性文件规定必须终止授权运营协议的其他情形',
  ];
  const children = [
    p('公共数据资源授权运营协议（草案）', { bold: true, size: 36, center: true }),
    p(`协议编号：${a.agreementNo}`, { center: true }),
    h('第一条 协议双方'),
    kv([
      ['实施机构（甲方）', a.authorityName ?? ''],
      ['运营机构（乙方）', a.operatorName ?? '（遴选后确定）'],
      ['授权模式', a.mode === 'whole_scope' ? '整体授权运营' : a.mode],
    ]),
    h('第二条 授权期限'),
    p(
      `授权运营期限为 ${termYears} 年${a.validFrom ? `，自 ${a.validFrom} 起至 ${a.validTo} 止` : '，自协议签署之日起计算'}。期限届满后，应按程序重新选择运营机构。`,
    ),
    h('第三条 授权数据目录'),
    table([
      ['数据资源', '登记编号', '数源单位', '数据项', '数源单位意见'],
      ...a.catalog.map((e) => [
        e.resourceNameZh,
        e.registrationCode ?? '',
        e.sourceUnitName ?? '',
        e.fieldCodes.join('、'),
        e.state === 'consented' ? '同意' : e.state === 'refused' ? '不同意' : '待确认',
      ]),
    ]),
    h('第四条 乙方义务'),
    ...a.obligations.map((o) =>
      p(`· ${OBLIGATION_ZH[o.code] ?? o.code}：每 ${o.everyMonths} 个月一次，自 ${o.from} 起。`),
    ),
    p(
      '· 严格遵守授权协议，不得超范围使用、转授权或篡改原始数据；按“一场景一授权，一授权一预案”制定应急处置预案并报甲方备案。',
    ),
    h('第五条 数据权属'),
    p(a.derivedRightsClause),
    h('第六条 协议终止'),
    ...TERMINATION_REASONS.map((code, i) => p(`${i + 1}. ${reasonsZh[i]}（${code}）`)),
    h('第七条 其他'),
    p('乙方对甲方的监管行为有权提出异议或依法申请行政救济。本协议未尽事宜，由双方协商解决。'),
    p(''),
    p('甲方（盖章）：                    乙方（盖章）：'),
    p('签署日期：'),
  ];
  return pack(children, { id: a.id, version: a.version, catalog: a.catalog.map((e) => e.resourceId) });
}

const OBLIGATION_ZH: Record<string, string> = {
  security_report: '报告运营安全情况',
  assessment: '接受考核评价',
  emergency_drill: '组织应急演练',
  operating_report: '提交运营报告',
};
