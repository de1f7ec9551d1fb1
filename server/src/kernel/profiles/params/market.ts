import type { ParamTable } from '../types.js';

// products-market.md parameters (PM-*); "(ours)" defaults are design choices, always configurable.
// Negative-list entries: a product matches by its category tags, the names of the fields it uses, or its grade.
const STATUTE = [
  {
    id: 'NL-NAT-1',
    level: 'prohibited',
    tags: ['national_security', 'public_interest', 'privacy'],
    grades: [],
    sourceZh: '危害国家安全、公共利益或侵犯个人隐私（004:L7676–7682）',
  },
  {
    id: 'NL-NAT-2',
    level: 'prohibited',
    tags: ['no_authorization'],
    grades: [],
    sourceZh: '未经合法权利人授权同意（004:L7676–7682）',
  },
  {
    id: 'NL-NAT-3',
    level: 'prohibited',
    tags: ['banned_by_law'],
    grades: [],
    sourceZh: '法律法规禁止交易（004:L7676–7682；003:L600–604）',
  },
];

export const marketParams: ParamTable = {
  'national-2025': {
    'market.negativeList': STATUTE,
    // PM-12: 'none' = any venue; 'exchange' = products from public data trade on an exchange;
    // 'exchange_or_free' = an exchange venue, or free public-welfare supply on the platform (luohu, 002:L185).
    'market.exchangeRequired': 'none',
    'market.recordRetentionYears': 30,
    'review.irreversibility.minK': 10,
    'review.validityMonths': 12,
    'review.reminderDays': 30,
    'registration.procedure.publicData': 'ordinary',
    'registration.cancelWithinWD': 5,
    'pricing.filingObjectionDays': 5,
    'pricing.mprWarnPct': 90,
    'disclosure.dueDate': '03-31',
    'report.operatingAnnualDue': '03-31',
    'revenue.govDestination': 'treasury',
    'settlement.reconcileEveryHours': 24,
  },
  shenzhen: {
    'market.negativeList': [
      ...STATUTE,
      {
        id: 'NL-SZ-1',
        level: 'prohibited',
        tags: ['personal_unauthorized', 'public_not_opened'],
        grades: [],
        sourceZh: '无合法授权的个人数据；未依法开放的公共数据（004:L13373–13375）',
      },
    ],
  },
  luohu: { 'market.exchangeRequired': 'exchange_or_free' },
  guizhou: { 'market.exchangeRequired': 'exchange', 'market.recordRetentionYears': 20 },
  jilin: { 'market.recordRetentionYears': 20 },
};
