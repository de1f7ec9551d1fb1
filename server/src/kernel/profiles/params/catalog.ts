import type { ParamTable } from '../types.js';

// catalog.md parameters. "ours" values are defaults chosen by us (catalog.md marks them).
export const catalogParams: ParamTable = {
  'national-2025': {
    'detect.sampleSize': 1000,
    'detect.suggestThreshold': 0.6,
    // ours: a detector is reported only when at least this share of sampled values match it.
    'detect.minMatchRatio': 0.5,
    // ours (decision 0064): share of a column's values holding an identifier inside free text
    // (备注 `客户张三，电话13812345678`) from which the column is personal information.
    'detect.textMinShare': 0.01,
    'classification.floorRules': [],
    'quality.rectificationDays': 10,
    'quality.minScore': 60,
    'catalog.subCatalogApprover': 'same',
    'import.maxRows': 200000,
    'import.maxMB': 20,
    'upload.maxMB': 2048,
    'search.p95Ms': 50,
    'registration.firstFilingDays': 20,
    'registration.changeFilingDays': 20,
    'registration.publicityDays': 10,
    'registration.acceptDays': 5,
    'registration.reviewDays': 10,
    'registration.objectionDays': 10,
    'registration.supplementDays': 5,
    'registration.allowDeficientAcceptance': false,
    // ours (REG-04): the authority's follow-up of a cancellation is due within 1 working day.
    'registration.cancellationTaskDays': 1,
    'reg.retentionYears': 30,
    'share.approverModel': 'provider',
    'share.replyDays': 5,
    'share.extensionDays': 0,
    'share.providerReplyDays': null,
    'share.uncataloguedReplyDays': 7,
    'share.uncataloguedDeliverDays': 7,
    'share.allowCoreData': false,
    'share.reviewMonths': 12,
    'open.replyDays': 10,
    'open.instrument': 'pledge',
    'open.labels': { unconditional: '无条件开放', conditional: '有条件开放', not_open: '不予开放' },
    'objection.answerDays': 10,
    'objection.autoSuspend': false,
    'objection.perMobilePerDay': 5,
  },
  // 002:L43 cites the national measures: zhuhai, luohu, shenzhen set them explicitly (catalog.md clocks).
  zhuhai: {
    'registration.publicityDays': 10, 'registration.acceptDays': 5, 'registration.reviewDays': 10,
    'registration.objectionDays': 10, 'registration.supplementDays': 5,
    'open.labels': { unconditional: '无条件开放', conditional: '定向开放', not_open: '授权开放' },
  },
  shenzhen: {
    'registration.publicityDays': 10, 'registration.acceptDays': 5, 'registration.reviewDays': 10,
    'registration.objectionDays': 10, 'registration.supplementDays': 5,
  },
  luohu: {
    'registration.publicityDays': 10, 'registration.acceptDays': 5, 'registration.reviewDays': 10,
    'registration.objectionDays': 10, 'registration.supplementDays': 5,
  },
};
