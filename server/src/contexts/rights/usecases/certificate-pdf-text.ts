import { shanghaiDate } from '../../../kernel/calendar/calendar.js';
import type { CertificateBundle, SignedContent } from '../model.js';

/**
 * The printed certificate's lines (RA-21: the paper form carries every `content` field, with equal
 * effect). Chinese labels only: the certificate is a Chinese legal document; codes become words here
 * because a printed page has no language switch.
 */

const KIND: Record<string, string> = {
  registration: '数据产权登记证书',
  license: '数据资源许可凭证',
  transaction: '数据交易凭证',
  usufruct: '数据用益权证书',
  trust: '数据信托凭证',
  objection_proof: '异议登记证明',
  cancellation_proof: '注销登记证明',
  lab_plaque: '联合实验室认定证书',
};
const RIGHT: Record<string, string> = {
  resource_holding: '数据资源持有权',
  processing_use: '数据加工使用权',
  product_operation: '数据产品经营权',
  data_ip: '数据知识产权',
};
const SOURCE: Record<string, string> = {
  original: '原始取得',
  collected: '采集',
  traded: '交易取得',
  authorized: '授权取得',
  other: '其他',
};
const CYCLE: Record<string, string> = { realtime: '实时', daily: '每日', monthly: '每月', custom: '自定义' };
const SUBJECT: Record<string, string> = {
  data_resource: '数据资源',
  data_product: '数据产品',
  data_element: '数据要素',
  algorithm_model: '算法模型',
  compute_resource: '算力资源',
  data_ip: '数据知识产权',
};
const STATUS: Record<string, string> = {
  valid: '有效',
  expired: '已到期',
  revoked: '已撤销',
  cancelled: '已注销',
  superseded: '已被替代',
};
const PROFILE: Record<string, string> = {
  shenzhen: '深圳',
  guangdong: '广东',
  tianjin: '天津',
  guizhou: '贵州',
  dali: '大理',
  anhui: '安徽',
  beijing: '北京',
};
const ENCUMBRANCE: Record<string, string> = { pledge: '质押', license: '许可', trust: '信托', transfer: '转让' };

/** A code's Chinese word; an unknown code is shown as it is rather than hidden (it is signed content). */
const word = (m: Record<string, string>, code: string) => m[code] ?? code;
/** A calendar day as printed: a timestamp becomes its Asia/Shanghai day (a certificate issued at 23:00 UTC is dated the next day). */
const day = (iso: string) => (iso.length > 10 ? shanghaiDate(new Date(iso)) : iso);
/** Beijing time to the second, for the checkpoint the status is read at. */
const beijingTime = (iso: string) =>
  new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

export interface CertificateSheet {
  title: string;
  fields: Array<[label: string, value: string]>;
  encumbrances: string[];
  objectionNotes: string[];
  status: string;
  proof: Array<[label: string, value: string]>;
}

function contentFields(c: SignedContent): Array<[string, string]> {
  const head: Array<[string, string]> = [
    ['证书编号', c.certNo],
    ['登记机构', c.registry.name],
  ];
  const holder: Array<[string, string]> = [
    ['权利人', c.holder.name],
    ['统一社会信用代码', c.holder.uscc],
  ];
  const tail: Array<[string, string]> = [
    ['有效期', `${day(c.validFrom)} 至 ${day(c.validTo)}`],
    ['颁发日期', day(c.issuedAt)],
    ['适用登记规则', word(PROFILE, c.profile)],
  ];
  if (c.supersedes) tail.push(['替代证书', c.supersedes]);
  if ('lab' in c) {
    const l = c.lab;
    const lab: Array<[string, string]> = [
      ['实验室名称', l.name],
      ['实验室编号', l.labNo],
      ['发起单位', l.initiator],
      ['合作单位', l.partner],
      ['研究领域', l.domain],
      ['认定日期', day(l.certifiedAt)],
    ];
    return [...head, ...holder, ...lab, ...tail];
  }
  const body: Array<[string, string]> = [
    ['登记编号', c.registrationNo],
    ['数据名称', c.data.name],
    ['数据版本', c.data.version],
    ['数据类型', word(SUBJECT, c.data.type)],
    ['权利类型', word(RIGHT, c.rightType)],
    ['取得方式', c.acquisition],
    ['数据来源', word(SOURCE, c.source)],
    ['更新周期', word(CYCLE, c.updateCycle)],
    ['使用场景', c.scenarios.join('、')],
    ['使用范围', c.scope],
  ];
  return [...head, ...holder, ...body, ...tail];
}

/** Everything printed on the page, as text (the font subset is cut from exactly these characters). */
export function certificateSheet(b: CertificateBundle): CertificateSheet {
  const c = b.certificate;
  return {
    title: word(KIND, c.kind),
    fields: contentFields(c),
    encumbrances: b.encumbrances.map(
      (e) => `${word(ENCUMBRANCE, e.type)}　${e.party}　${day(e.date)}　登记 ${e.regId.slice(0, 8)}`,
    ),
    objectionNotes: b.objectionNotes.map((n) => `异议登记 ${day(n.date)}${n.removed ? '（已注销）' : ''}`),
    status: `${word(STATUS, b.status.value)}（状态以检查点时间为准：${beijingTime(b.status.asOf)} 北京时间）`,
    proof: [
      ['内容摘要（SM3）', b.log.leaf.contentDigest ?? ''],
      ['签名算法', `${b.signature.alg}　密钥 ${b.signature.keyId}`],
      ['签名（SM2，Base64）', b.signature.value],
      ['登记日志', `${b.log.origin}　叶子序号 ${b.log.leafIndex}`],
    ],
  };
}

/** Every character the page prints, for the font subset. */
export function sheetText(s: CertificateSheet, extra: string[]): string {
  const parts = [s.title, s.status, ...s.encumbrances, ...s.objectionNotes, ...extra];
  for (const [k, v] of [...s.fields, ...s.proof]) parts.push(k, v);
  return [...new Set(parts.join(''))].join('');
}
