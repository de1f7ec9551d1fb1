import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Kernel } from '../kernel/kernel.js';
import { type Actor, systemActor } from '../kernel/workflow/actor.js';
import { importObject } from '../kernel/workflow/transition.js';
import { demoSnapshotId, writeDemoCsv } from '../contexts/catalog/usecases/demo-data.js';
import {
  classificationLifecycle,
  detectionLifecycle,
  registrationLifecycle,
  resourceLifecycle,
  snapshotLifecycle,
} from '../contexts/catalog/lifecycle.js';
import { controlledPath, setControlledRoot } from '../contexts/catalog/usecases/resources.js';
import * as store from '../contexts/catalog/store.js';
import { convertAndProfile } from '../contexts/catalog/usecases/upload.js';
import { demoId } from './ids.js';
import { jid, oid, uid } from './identity.js';
import { seedCatalogWork } from './catalog-work.js';
import { type Tx } from '../kernel/db/tables.js';

type G = 'general' | 'important' | 'core';
interface F {
  code: string;
  name: string;
  type: string;
  grade?: G;
  pi?: boolean;
  spi?: boolean;
  sc?: string;
  idKind?: string;
  key?: boolean;
}
interface R {
  key: string;
  org: 'zh-samr' | 'zh-transport' | 'zh-health';
  name: string;
  summary: string;
  keywords: string[];
  domain: string;
  state: 'draft' | 'classified' | 'published';
  reg?: 'registered' | 'submitted';
  openMode?: string;
  freq: string;
  share: ['unconditional' | 'conditional' | 'not_shared', string?];
  open: 'unconditional' | 'conditional' | 'not_open';
  grade?: G;
  fields: F[];
  data?: string;
}

const f = (code: string, name: string, type = 'string', o: Partial<F> = {}): F => ({ code, name, type, ...o });
const PERSON = { pi: true };
const ID = { pi: true, spi: true, sc: 'specific_identity', idKind: 'id_number' };
const COND: ['conditional', string] = ['conditional', '《珠海市公共数据管理办法》第十九条；仅限履职需要'];

/** ~20 demo resources of the three demo source units (catalog.md; identity.md demo orgs). */
export const DEMO_RESOURCES: R[] = [
  {
    key: 'enterprise-registration',
    org: 'zh-samr',
    name: '企业登记信息',
    summary:
      '珠海市商事主体登记的企业基本信息，包括统一社会信用代码、企业名称、法定代表人、注册资本、成立日期、登记机关和所属区。',
    keywords: ['商事登记', '企业', '营业执照'],
    domain: '市场监管',
    state: 'published',
    reg: 'registered',
    openMode: 'model_or_verification',
    freq: 'daily',
    share: ['unconditional'],
    open: 'not_open',
    data: 'enterprise-registration',
    fields: [
      f('tyshxydm', '统一社会信用代码', 'string', { idKind: 'uscc', key: true }),
      f('qymc', '企业名称'),
      f('fddbr', '法定代表人', 'string', PERSON),
      f('zczb', '注册资本', 'decimal'),
      f('clrq', '成立日期', 'date'),
      f('djjg', '登记机关'),
      f('ssq', '所属区', 'code'),
    ],
  },
  {
    key: 'admin-penalty',
    org: 'zh-samr',
    name: '企业行政处罚信息',
    summary: '市场监管领域对企业作出的行政处罚决定公示信息。',
    keywords: ['行政处罚', '信用'],
    domain: '市场监管',
    state: 'published',
    reg: 'registered',
    openMode: 'api',
    freq: 'daily',
    share: ['unconditional'],
    open: 'unconditional',
    fields: [
      f('cfjdsh', '处罚决定书文号'),
      f('tyshxydm', '统一社会信用代码', 'string', { idKind: 'uscc' }),
      f('qymc', '企业名称'),
      f('wfxw', '违法行为类型'),
      f('cfjg', '处罚结果'),
      f('cfrq', '处罚日期', 'date'),
    ],
  },
  {
    key: 'food-license',
    org: 'zh-samr',
    name: '食品经营许可信息',
    summary: '食品经营许可证核发、变更、注销信息。',
    keywords: ['食品安全', '许可证'],
    domain: '市场监管',
    state: 'published',
    reg: 'registered',
    openMode: 'api',
    freq: 'weekly',
    share: ['unconditional'],
    open: 'conditional',
    data: 'food-license',
    fields: [
      f('xkzbh', '许可证编号', 'string', { key: true }),
      f('jyzmc', '经营者名称'),
      f('tyshxydm', '统一社会信用代码', 'string', { idKind: 'uscc' }),
      f('jycs', '经营场所'),
      f('yxqz', '有效期至', 'date'),
      f('ssq', '所属区', 'code'),
    ],
  },
  {
    key: 'individual-business',
    org: 'zh-samr',
    name: '个体工商户登记信息',
    summary: '个体工商户登记基本信息，含经营者姓名与身份证号。',
    keywords: ['个体户', '商事登记'],
    domain: '市场监管',
    state: 'published',
    openMode: 'sandbox',
    freq: 'daily',
    share: COND,
    open: 'not_open',
    fields: [
      f('zch', '注册号'),
      f('zh', '字号名称'),
      f('jyzxm', '经营者姓名', 'string', PERSON),
      f('sfzh', '经营者身份证号', 'string', ID),
      f('jycs', '经营场所', 'string', PERSON),
    ],
  },
  {
    key: 'special-equipment',
    org: 'zh-samr',
    name: '特种设备登记信息',
    summary: '电梯、锅炉、压力容器等特种设备使用登记信息。',
    keywords: ['特种设备', '电梯'],
    domain: '市场监管',
    state: 'draft',
    freq: 'monthly',
    share: ['unconditional'],
    open: 'not_open',
    fields: [f('sbdm', '设备代码'), f('sblb', '设备类别'), f('sydw', '使用单位'), f('azdz', '安装地址')],
  },
  {
    key: 'trademark-pledge',
    org: 'zh-samr',
    name: '商标质押登记信息',
    summary: '注册商标专用权质押登记信息。',
    keywords: ['知识产权', '商标'],
    domain: '市场监管',
    state: 'classified',
    openMode: 'file',
    freq: 'monthly',
    share: ['unconditional'],
    open: 'unconditional',
    fields: [f('sbzch', '商标注册号'), f('czr', '出质人'), f('zqr', '质权人'), f('djrq', '登记日期', 'date')],
  },
  {
    key: 'consumer-complaints',
    org: 'zh-samr',
    name: '消费投诉举报信息',
    summary: '12315 消费投诉举报受理与办结信息。',
    keywords: ['12315', '投诉'],
    domain: '市场监管',
    state: 'draft',
    openMode: 'sandbox',
    freq: 'daily',
    share: COND,
    open: 'not_open',
    fields: [
      f('tsbh', '投诉编号'),
      f('tsrxm', '投诉人姓名', 'string', PERSON),
      f('tsrzjhm', '投诉人证件号码', 'string', ID),
      f('lxdh', '联系电话', 'string', PERSON),
      f('tsnr', '投诉内容'),
    ],
  },
  {
    key: 'bus-card',
    org: 'zh-transport',
    name: '公交刷卡记录',
    summary: '珠海市公交 IC 卡刷卡交易记录（卡号已脱敏编码），按线路、站点、时间统计客流。',
    keywords: ['公交', '客流', '一卡通'],
    domain: '交通运输',
    state: 'published',
    reg: 'registered',
    openMode: 'sandbox',
    freq: 'daily',
    share: COND,
    open: 'not_open',
    data: 'bus-card',
    fields: [
      f('kh', '卡号', 'string', PERSON),
      f('xl', '线路'),
      f('sczd', '上车站点'),
      f('sksj', '刷卡时间', 'datetime'),
      f('je', '金额', 'decimal'),
      f('ssq', '所属区', 'code'),
    ],
  },
  {
    key: 'taxi-trajectory',
    org: 'zh-transport',
    name: '出租车运营轨迹',
    summary: '巡游出租车 GPS 定位轨迹数据。',
    keywords: ['出租车', '轨迹', 'GPS'],
    domain: '交通运输',
    state: 'published',
    openMode: 'sandbox',
    freq: 'realtime',
    share: COND,
    open: 'not_open',
    grade: 'important',
    data: 'taxi-trajectory',
    fields: [
      f('hphm', '号牌号码'),
      f('jsyxm', '驾驶员姓名', 'string', PERSON),
      f('dwsj', '定位时间', 'datetime'),
      f('jd', '经度', 'decimal', { grade: 'important', pi: true, spi: true, sc: 'whereabouts' }),
      f('wd', '纬度', 'decimal', { grade: 'important', pi: true, spi: true, sc: 'whereabouts' }),
    ],
  },
  {
    key: 'road-transport-license',
    org: 'zh-transport',
    name: '道路运输经营许可信息',
    summary: '道路旅客、货物运输经营许可信息。',
    keywords: ['道路运输', '许可'],
    domain: '交通运输',
    state: 'published',
    reg: 'registered',
    openMode: 'api',
    freq: 'weekly',
    share: ['unconditional'],
    open: 'unconditional',
    fields: [
      f('xkzh', '经营许可证号'),
      f('yhmc', '业户名称'),
      f('tyshxydm', '统一社会信用代码', 'string', { idKind: 'uscc' }),
      f('jyfw', '经营范围'),
      f('yxq', '有效期', 'date'),
    ],
  },
  {
    key: 'vehicle-repair',
    org: 'zh-transport',
    name: '机动车维修企业信息',
    summary: '机动车维修经营备案企业信息。',
    keywords: ['汽修', '备案'],
    domain: '交通运输',
    state: 'published',
    openMode: 'file',
    freq: 'monthly',
    share: ['unconditional'],
    open: 'unconditional',
    fields: [
      f('qymc', '企业名称'),
      f('tyshxydm', '统一社会信用代码', 'string', { idKind: 'uscc' }),
      f('wxlb', '维修类别'),
      f('dz', '经营地址'),
    ],
  },
  {
    key: 'port-throughput',
    org: 'zh-transport',
    name: '港口货物吞吐量统计',
    summary: '珠海港各港区月度货物与集装箱吞吐量。',
    keywords: ['港口', '物流', '统计'],
    domain: '交通运输',
    state: 'published',
    reg: 'registered',
    openMode: 'file',
    freq: 'monthly',
    share: ['unconditional'],
    open: 'unconditional',
    data: 'port-throughput',
    fields: [
      f('tjyf', '统计月份'),
      f('gq', '港区'),
      f('hwttl', '货物吞吐量（吨）', 'integer'),
      f('jzx', '集装箱（标箱）', 'integer'),
    ],
  },
  {
    key: 'metro-flow',
    org: 'zh-transport',
    name: '城市轨道交通客流',
    summary: '有轨电车各站点进出站客流（草稿）。',
    keywords: ['轨道交通', '客流'],
    domain: '交通运输',
    state: 'draft',
    freq: 'daily',
    share: ['unconditional'],
    open: 'not_open',
    fields: [f('zd', '站点'), f('rq', '日期', 'date'), f('jzl', '进站量', 'integer')],
  },
  {
    key: 'vaccination',
    org: 'zh-health',
    name: '预防接种登记信息',
    summary: '居民预防接种个案登记信息，可按所属区统计接种人口。',
    keywords: ['疫苗', '预防接种', '人口'],
    domain: '卫生健康',
    state: 'published',
    reg: 'registered',
    openMode: 'sandbox',
    freq: 'daily',
    share: COND,
    open: 'not_open',
    data: 'vaccination',
    fields: [
      f('xm', '姓名', 'string', PERSON),
      f('sfzh', '身份证号', 'string', { ...ID, key: true }),
      f('xb', '性别', 'code', PERSON),
      f('csrq', '出生日期', 'date', PERSON),
      f('ssq', '所属区', 'code'),
      f('ymmc', '疫苗名称'),
      f('jzrq', '接种日期', 'date'),
      f('lxdh', '联系电话', 'string', PERSON),
    ],
  },
  {
    key: 'medical-institutions',
    org: 'zh-health',
    name: '医疗机构执业登记信息',
    summary: '医疗机构执业许可登记、校验信息。',
    keywords: ['医院', '诊所', '执业登记'],
    domain: '卫生健康',
    state: 'published',
    reg: 'submitted',
    openMode: 'api',
    freq: 'weekly',
    share: ['unconditional'],
    open: 'unconditional',
    fields: [
      f('jgmc', '机构名称'),
      f('tyshxydm', '统一社会信用代码', 'string', { idKind: 'uscc' }),
      f('jglb', '机构类别'),
      f('dz', '地址'),
      f('zlkm', '诊疗科目'),
    ],
  },
  {
    key: 'physicians',
    org: 'zh-health',
    name: '执业医师注册信息',
    summary: '执业医师注册、变更信息。',
    keywords: ['医师', '执业'],
    domain: '卫生健康',
    state: 'published',
    openMode: 'model_or_verification',
    freq: 'weekly',
    share: COND,
    open: 'not_open',
    fields: [
      f('xm', '姓名', 'string', PERSON),
      f('zyzsbh', '执业证书编号'),
      f('zydd', '执业地点'),
      f('zyfw', '执业范围'),
    ],
  },
  {
    key: 'birth-certificates',
    org: 'zh-health',
    name: '出生医学证明签发统计',
    summary: '按月、按区的出生医学证明签发数量（汇总数据，无个人信息）。',
    keywords: ['出生', '人口', '统计'],
    domain: '卫生健康',
    state: 'published',
    reg: 'registered',
    openMode: 'file',
    freq: 'monthly',
    share: ['unconditional'],
    open: 'unconditional',
    data: 'birth-certificates',
    fields: [f('tjyf', '统计月份'), f('ssq', '所属区', 'code'), f('qfsl', '签发数量', 'integer')],
  },
  {
    key: 'epidemic-surveillance',
    org: 'zh-health',
    name: '传染病疫情监测原始数据',
    summary: '法定传染病疫情监测原始报告数据，属核心数据，不得开放或授权。',
    keywords: ['传染病', '监测'],
    domain: '卫生健康',
    state: 'published',
    freq: 'realtime',
    share: ['not_shared', '《中华人民共和国传染病防治法》第三十八条'],
    open: 'not_open',
    grade: 'core',
    fields: [
      f('bgkh', '报告卡号'),
      f('jbmc', '疾病名称'),
      f('bgrq', '报告日期', 'date'),
      f('yqxx', '疫情详情', 'string', { grade: 'core' }),
    ],
  },
  {
    key: 'emergency-supplies',
    org: 'zh-health',
    name: '公共卫生应急物资储备',
    summary: '应急物资储备库存信息（草稿）。',
    keywords: ['应急', '物资'],
    domain: '卫生健康',
    state: 'draft',
    freq: 'weekly',
    share: COND,
    open: 'not_open',
    fields: [f('wzmc', '物资名称'), f('kcl', '库存量', 'integer'), f('ck', '仓库')],
  },
  {
    key: 'blood-donation',
    org: 'zh-health',
    name: '无偿献血站点信息',
    summary: '献血屋、献血车服务点位置与开放时间。',
    keywords: ['献血', '便民'],
    domain: '卫生健康',
    state: 'published',
    reg: 'registered',
    openMode: 'api',
    freq: 'monthly',
    share: ['unconditional'],
    open: 'unconditional',
    fields: [f('zdmc', '站点名称'), f('dz', '地址'), f('kfsj', '开放时间'), f('lxdh', '咨询电话')],
  },
];

export const resourceId = (key: string) => demoId(`catalog-resource:${key}`);

/** Demo catalog: resources, fields, confirmed classifications, data files, registrations. */
export async function seedCatalog(trx: Tx, k: Kernel) {
  setControlledRoot(k.dataDir);
  const actor = systemActor('seed-demo');
  for (const [i, r] of DEMO_RESOURCES.entries()) await seedResource(trx, k, actor, r, i + 1);
  await seedCatalogWork(trx, k);
}

async function seedResource(trx: Tx, k: Kernel, actor: ReturnType<typeof systemActor>, r: R, seq: number) {
  const id = resourceId(r.key);
  const classified = r.state !== 'draft';
  const fieldGrade = (x: F): G => x.grade ?? 'general';
  const grade: G =
    r.grade ??
    (r.fields.some((x) => fieldGrade(x) === 'core')
      ? 'core'
      : r.fields.some((x) => fieldGrade(x) === 'important')
        ? 'important'
        : 'general');
  const pi = r.fields.some((x) => x.pi),
    spi = r.fields.some((x) => x.spi);
  const now = new Date('2026-01-15T02:00:00Z');
  await importObject(
    trx,
    k.workflow,
    resourceLifecycle,
    r.state,
    {
      id,
      resource_code: `440400-${String(['zh-samr', 'zh-transport', 'zh-health'].indexOf(r.org) + 12).padStart(4, '0')}-${String(seq).padStart(6, '0')}`,
      name_zh: r.name,
      summary: r.summary,
      keywords: r.keywords,
      source_unit_org_id: oid(r.org),
      jurisdiction_id: jid('440400'),
      collecting_unit_org_id: oid(r.org),
      providing_unit_org_id: oid(r.org),
      domain: r.domain,
      data_type: 'structured',
      open_mode: r.openMode ?? null,
      format: 'csv',
      update_frequency: r.freq,
      last_updated_at: now,
      spatial_coverage: ['440400'],
      temporal_coverage: JSON.stringify({ from: '2020-01-01', ongoing: true }),
      standard_identifiers: JSON.stringify(
        r.fields.filter((x) => x.idKind).map((x) => ({ fieldCode: x.code, kind: x.idKind })),
      ),
      share_class: r.share[0],
      share_basis: r.share[1] ?? null,
      share_conditions: r.share[0] === 'conditional' ? '仅限政务部门依法履职使用，不得向第三方提供' : null,
      open_class: r.open,
      quality: JSON.stringify({
        accuracy: 92,
        consistency: 90,
        completeness: 95,
        conformity: 93,
        timeliness: 88,
        accessibility: 90,
        overall: 91,
        assessedAt: '2026-01-10',
      }),
      grade: classified ? grade : null,
      category: classified ? `${r.domain}/${r.name}` : null,
      personal_info: classified && pi,
      sensitive_personal_info: classified && spi,
      classification: classified
        ? JSON.stringify({ status: 'confirmed', method: 'manual', decidedAt: now.toISOString() })
        : null,
      catalog_types: r.state === 'published' ? (r.open === 'not_open' ? ['shared'] : ['shared', 'open']) : [],
      published_version: r.state === 'published' ? 1 : null,
      created_by: null,
    },
    actor,
    jid('440400'),
  );
  for (const [j, x] of r.fields.entries()) {
    const fid = demoId(`catalog-field:${r.key}:${x.code}`);
    await store.insertField(trx, {
      id: fid,
      resource_id: id,
      seq: j + 1,
      code: x.code,
      name_zh: x.name,
      value_type: x.type,
      is_key: !!x.key,
      identifier_kind: x.idKind ?? null,
      direct_identifier: x.idKind === 'id_number' || x.idKind === 'uscc',
      grade: classified ? fieldGrade(x) : null,
      personal_info: classified && !!x.pi,
      sensitive_personal_info: classified && !!x.spi,
      sensitive_category: classified ? (x.sc ?? null) : null,
      category: classified ? `${r.domain}/${x.name}` : null,
      classification_status: classified ? 'confirmed' : 'unclassified',
      registered_version: r.reg === 'registered' ? 1 : null,
    });
    if (classified)
      await seedClassification(
        trx,
        k,
        actor,
        id,
        'field',
        fid,
        fieldGrade(x),
        !!x.pi,
        !!x.spi,
        x.sc ?? null,
        `${r.domain}/${x.name}`,
        now,
      );
  }
  if (classified)
    await seedClassification(trx, k, actor, id, 'resource', id, grade, pi, spi, null, `${r.domain}/${r.name}`, now);
  if (r.state === 'published') {
    await store.addCatalogItem(trx, {
      id: demoId(`catalog-item:${r.key}:shared`),
      catalog_type: 'shared',
      jurisdiction_id: jid('440400'),
      resource_id: id,
      resource_version: 1,
      added_at: now,
    });
    if (r.open !== 'not_open')
      await store.addCatalogItem(trx, {
        id: demoId(`catalog-item:${r.key}:open`),
        catalog_type: 'open',
        jurisdiction_id: jid('440400'),
        resource_id: id,
        resource_version: 1,
        added_at: now,
      });
  }
  if (r.data) await seedData(trx, k, actor, id, r.data, classified);
  await store.reindexResource(trx, id);
  if (r.reg) await seedRegistration(trx, k, actor, r, id, now);
}

async function seedClassification(
  trx: Tx,
  k: Kernel,
  actor: Actor,
  resourceId: string,
  targetType: string,
  targetId: string,
  grade: G,
  pi: boolean,
  spi: boolean,
  sc: string | null,
  category: string,
  at: Date,
) {
  await importObject(
    trx,
    k.workflow,
    classificationLifecycle,
    'confirmed',
    {
      id: demoId(`catalog-cls:${targetType}:${targetId}`),
      resource_id: resourceId,
      target_type: targetType,
      target_id: targetId,
      category,
      grade,
      personal_info: pi,
      sensitive_personal_info: spi,
      sensitive_category: sc,
      method: 'manual',
      decided_by: uid('source.admin'),
      decided_at: at,
      basis: 'GB/T 43697-2024（演示数据）',
    },
    actor,
    jid('440400'),
  );
}

async function seedData(trx: Tx, k: Kernel, actor: Actor, id: string, key: string, reviewed: boolean) {
  const file = writeDemoCsv(key);
  const rel = join('resources', id, '1.parquet');
  const fields = await store.listFields(trx, id);
  let prof;
  try {
    prof = await convertAndProfile(k, file.path, 'csv', controlledPath(rel), fields);
  } finally {
    rmSync(file.path, { force: true });
  }
  const snapId = demoSnapshotId(key);
  const columns = prof.columns.map((x) => ({
    name: x.name,
    inferredType: x.type,
    fieldId: x.fieldId ?? 'unmatched',
    nullRate: x.nullRate,
    distinctCount: x.distinctCount,
    formatViolations: x.formatViolations,
    detected: x.scan.detected,
    maskedExamples: x.scan.maskedExamples,
  }));
  await importObject(
    trx,
    k.workflow,
    snapshotLifecycle,
    'stored',
    {
      id: snapId,
      resource_id: id,
      snapshot_version: 1,
      source_format: 'csv',
      stored_as: rel,
      sm3: file.sm3,
      rows: prof.rows,
      bytes: file.bytes,
      columns: JSON.stringify(columns),
      uploaded_by: null,
      uploaded_at: new Date('2026-01-15T02:00:00Z'),
    },
    actor,
    jid('440400'),
  );
  await trx
    .updateTable('data_resource')
    .set({ volume: JSON.stringify({ records: prof.rows, bytes: file.bytes, asOf: '2026-01-15' }) })
    .where('id', '=', id)
    .execute();
  for (const c of prof.columns) {
    if (c.fieldId) await store.updateField(trx, c.fieldId, { masked_examples: JSON.stringify(c.scan.maskedExamples) });
    for (const d of c.scan.detected.filter((x) => x.suggested)) {
      await importObject(
        trx,
        k.workflow,
        detectionLifecycle,
        reviewed ? 'accepted' : 'pending',
        {
          id: demoId(`catalog-det:${key}:${c.name}:${d.type}`),
          resource_id: id,
          field_id: c.fieldId,
          snapshot_id: snapId,
          column_name: c.name,
          detector: d.type,
          sample_size: d.sampled,
          matches: d.matches,
          match_ratio: d.matchRatio,
          checksum_pass_ratio: d.checksumPassRatio,
          header_keyword_hit: d.headerKeywordHit,
          confidence: d.confidence,
          masked_examples: JSON.stringify(c.scan.maskedExamples),
          reviewed_by: reviewed ? uid('source.admin') : null,
          suggested: JSON.stringify({
            grade: c.scan.suggestedGrade,
            personalInfo: c.scan.personalInfo,
            sensitivePersonalInfo: c.scan.sensitivePersonalInfo,
            sensitiveCategory: c.scan.sensitiveCategory,
            category: c.scan.category,
          }),
        },
        actor,
        jid('440400'),
      );
    }
  }
}

async function seedRegistration(trx: Tx, k: Kernel, actor: Actor, r: R, id: string, at: Date) {
  const res = (await store.getResource(trx, id))!;
  const fields = await store.listFields(trx, id);
  const registered = r.reg === 'registered';
  const code = registered
    ? `ZYDJ-440400-2026-${String(await store.nextCodeNumber(trx, 'ZYDJ-440400-2026')).padStart(6, '0')}`
    : null;
  const materials = ['application', 'resource_info', 'compliance_statement'].map((kind) => ({
    kind,
    fileRef: `demo/${r.key}/${kind}.pdf`,
    sm3Hash: '0'.repeat(64),
  }));
  await importObject(
    trx,
    k.workflow,
    registrationLifecycle,
    r.reg!,
    {
      id: demoId(`catalog-reg:${r.key}`),
      type: 'first',
      resource_id: id,
      resource_version: 1,
      snapshot: JSON.stringify({ resource: res, fields }),
      registrant_org_id: oid(r.org),
      registry_org_id: oid('zh-authority'),
      jurisdiction_id: jid('440400'),
      materials: JSON.stringify(materials),
      public_summary: JSON.stringify({
        resourceCode: res.resource_code,
        name: r.name,
        summary: r.summary,
        sourceUnit: res.source_unit_name,
        domain: r.domain,
        fieldNames: r.fields.map((x) => x.name),
        updateFrequency: r.freq,
        spatialCoverage: ['440400'],
      }),
      clocks: JSON.stringify(
        registered
          ? { publicityStart: '2026-01-20T01:00:00Z', publicityEnd: '2026-02-03T15:59:59.999Z' }
          : { acceptDue: k.calendar.dueAt(k.clock.now(), 5).toISOString() },
      ),
      registration_code: code,
      submitted_at: at,
      created_by: uid(
        r.org === 'zh-samr' ? 'source.admin' : r.org === 'zh-transport' ? 'transport.admin' : 'health.admin',
      ),
    },
    actor,
    jid('440400'),
  );
  await trx
    .updateTable('data_resource')
    .set({ registration_status: registered ? 'registered' : 'in_progress', registration_code: code })
    .where('id', '=', id)
    .execute();
}
