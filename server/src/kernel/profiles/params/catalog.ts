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
    // CLS-02: the jurisdiction's grading rules for aggregation and correlation, e.g.
    // [{ id, nameZh, when: { minPersonalInfoFields: 5 } | { sensitiveCategories: ['specific_identity', 'whereabouts'] }, grade: 'important' }].
    'classification.aggregationRules': [],
    'quality.rectificationDays': 10,
    'quality.minScore': 60,
    'catalog.subCatalogApprover': 'same',
    'import.maxRows': 200000,
    'import.maxMB': 20,
    'upload.maxMB': 2048,
    'upload.exactDistinctMaxRows': 1000000, // default chosen by us (issue 14): exact distinct counts up to here, then marked approximate
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
    'share.deliverDays': null,
    'share.refusalReviewDays': null,
    'share.uncataloguedReplyDays': 7,
    'share.uncataloguedDeliverDays': 7,
    'share.allowCoreData': false,
    'share.reviewMonths': 12,
    'open.replyDays': 10,
    'open.extensionDays': 0,
    'open.providerReplyDays': null,
    'open.deliverDays': null,
    // OPN-04 "where configured": capacity evidence with the instrument (004:L25423–25427).
    'open.requireCapacityEvidence': false,
    'open.instrument': 'pledge',
    'open.labels': { unconditional: '无条件开放', conditional: '有条件开放', not_open: '不予开放' },
    'objection.answerDays': 10,
    'objection.autoSuspend': false,
    // OBJ-01: deleting infringing data as an answer (jilin only, 004:L33037–33043).
    'objection.allowDelete': false,
    'objection.perMobilePerDay': 5,
  },
  // 002:L43 cites the national measures: zhuhai, luohu, shenzhen set them explicitly (catalog.md clocks).
  zhuhai: {
    'registration.publicityDays': 10,
    'registration.acceptDays': 5,
    'registration.reviewDays': 10,
    'registration.objectionDays': 10,
    'registration.supplementDays': 5,
    'open.labels': { unconditional: '无条件开放', conditional: '定向开放', not_open: '授权开放' },
  },
  // catalog.md "Sharing and opening": sichuan 5 by authority +5, provider 3, deliver 2, refusal review 2 (004:L23625–23635,
  // L23677–23689); sub-catalogs reviewed by the parent (CAT-07, 004:L33006–33010).
  sichuan: {
    'share.approverModel': 'authority_consults_provider',
    'share.replyDays': 5,
    'share.extensionDays': 5,
    'share.providerReplyDays': 3,
    'share.deliverDays': 2,
    'share.refusalReviewDays': 2,
    'open.replyDays': 5,
    'open.extensionDays': 5,
    'open.providerReplyDays': 3,
    'open.deliverDays': 2,
    'catalog.subCatalogApprover': 'parent',
  },
  // chongqing: 5 by authority +5, provider 3 (004:L8862–8871, L8885–8895); conditional opening by agreement (OPN-04, 004:L8897–8905).
  chongqing: {
    'share.approverModel': 'authority_consults_provider',
    'share.replyDays': 5,
    'share.extensionDays': 5,
    'share.providerReplyDays': 3,
    'open.replyDays': 5,
    'open.extensionDays': 5,
    'open.providerReplyDays': 3,
    'open.instrument': 'agreement',
  },
  // jiangsu: the provider replies in 5 WD (004:L19722–19724); uncatalogued 7 / 7 (004:L19740–19744); open 10 (004:L19803–19805).
  jiangsu: {
    'share.approverModel': 'provider',
    'share.replyDays': 5,
    'share.extensionDays': 0,
    'share.uncataloguedReplyDays': 7,
    'share.uncataloguedDeliverDays': 7,
    'open.replyDays': 10,
    'quality.rectificationDays': 10,
  },
  // xiamen: 普遍开放 / 依申请开放 (OPN-06, 004:L28606–28616).
  xiamen: {
    'open.labels': { unconditional: '普遍开放', conditional: '依申请开放', not_open: '不予开放' },
  },
  // jilin: an objection may be answered by deleting data infringing PI or trade secrets (OBJ-01, 004:L33037–33043).
  jilin: { 'objection.allowDelete': true },
  // guizhou: registration records kept 20 years (REG-08, 004:L22953–22957); publicity 30, accept 3 (004:L32438–32450).
  guizhou: {
    'reg.retentionYears': 20,
    'registration.publicityDays': 30,
    'registration.acceptDays': 3,
  },
  shenzhen: {
    'registration.publicityDays': 10,
    'registration.acceptDays': 5,
    'registration.reviewDays': 10,
    'registration.objectionDays': 10,
    'registration.supplementDays': 5,
  },
  luohu: {
    'registration.publicityDays': 10,
    'registration.acceptDays': 5,
    'registration.reviewDays': 10,
    'registration.objectionDays': 10,
    'registration.supplementDays': 5,
  },
};
