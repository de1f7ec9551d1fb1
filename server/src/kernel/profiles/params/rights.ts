import type { ParamTable } from '../types.js';

// rights-assets.md "Per-profile registration parameters" (RightsRegistration only; catalog.md's
// `registration.*` keys stay separate). "(ours)" marks defaults where the source is silent.
// Durations are { days, unit }: WD = working days on the profile calendar, CD = calendar days.
const ALL_TYPES = ['first', 'license', 'pledge', 'transfer', 'change', 'objection', 'renewal', 'cancellation'];

export const rightsParams: ParamTable = {
  'national-2025': {
    'reg.types': [...ALL_TYPES, 'revocation', 'supplement', 'trade', 'trust'],
    'reg.rightTypes': ['resource_holding', 'processing_use', 'product_operation'],
    'reg.acceptanceWD': 5, // (ours)
    'reg.reviewWD': 20, // (ours)
    'reg.correctionWD': 5, // (ours); Dali by rule (004:L30102–30104)
    'reg.failureNoticeWD': 3, // (ours, after Guangdong 004:L11442)
    'reg.substantiveBy': 'evaluator',
    'reg.secondReview': false,
    'reg.publicity': { days: 5, unit: 'WD' }, // (ours)
    'reg.publicitySimple': { days: 1, unit: 'WD' },
    // RA-09: types that go through publicity (ours everywhere except Shenzhen's explicit list). A renewal
    // without content change does not (RA-14: a changed content renews by the change rules).
    'reg.publicityTypes': ['first', 'transfer', 'change', 'supplement', 'trade', 'trust'],
    'reg.changeDueWD': 10, // (ours) filing of a transfer, pledge or licence after the contract date
    'reg.refusalGrounds': [
      'core_data',
      'state_secret',
      'unlawful_acquisition',
      'missing_source_authorization',
      'ownership_dispute',
      'prohibited_trade',
      'prohibited_content',
    ],
    'reg.jointChange': false,
    'reg.substantiveChecks': [], // RA-06: checks an evaluator's passing report must confirm (none by default)
    // RA-20: how a change to the registry's rules or fees takes effect: 'file' (备案 with the authority, then
    // published: 004:L13741–13747, L32383–32385) or 'approve' (the authority's consent, then published: L22959–22963).
    'reg.rulebookChange': 'file',
    'obj.postRegistration': false,
    'obj.requireHolderRefusal': false,
    'obj.resolve': { days: 10, unit: 'WD' }, // (ours)
    'obj.onTimeout': 'terminate',
    'cert.validityYears': 3, // (ours)
    'cert.renewalWindowMonths': 1, // (ours)
    'cert.renewalYears': 3, // (ours) = validity
    'cert.autoCancelOnLapse': false,
    'cert.capByAgreementEnd': false,
    'cert.number': { kind: 'serial', prefix: 'DR' },
    'cert.labPlaqueNumber': { kind: 'serial', prefix: 'LAB' }, // (ours) lab plaques (labs.md), per authority
    'cert.reminderDays': [60, 30], // (ours)
    'ip.filingWD': 10,
    'val.minProfessionals': 2, // RA-29 (004:L30368; L30458; L30494)
    'val.validityMonths': 12, // RA-31 (004:L30409)
    'soe.lowPct': 90, // RA-33 (004:L3438–3446)
    'soe.highPct': 110,
    'acct.effectiveDate': '2024-01-01', // RA-37 (004:L2956–2958)
    'asset.pledgeAllowed': false, // RA-28 (ours)
    'asset.usageSyncDays': 30, // RA-27 (ours)
  },
  shenzhen: {
    'reg.types': ['first', 'license', 'pledge', 'transfer', 'change', 'cancellation', 'objection'], // L13769
    'reg.publicityTypes': ['first'], // RA-09, L13810, L13834, L13854, L13871
    'obj.postRegistration': true, // RA-12
    'obj.requireHolderRefusal': true, // RA-12: only when the holder refuses to change or cancel
    'obj.resolve': { days: 15, unit: 'CD' }, // court/arbitration filing in 15 日 (L13887–13891)
    'obj.onTimeout': 'lapse',
    'cert.number': { kind: 'serial', prefix: 'SZDR' },
  },
  guangdong: {
    'reg.types': ['first', 'change', 'cancellation', 'revocation', 'license', 'pledge', 'transfer'], // L11348
    'reg.secondReview': true, // ordinary procedure only (L11446–11454)
    'reg.substantiveBy': 'registry',
    'reg.failureNoticeWD': 3, // L11442, L11452
    'reg.publicity': { days: 3, unit: 'WD' }, // L11460
    'reg.publicitySimple': { days: 1, unit: 'WD' }, // L11498
    'reg.changeDueWD': 5, // L11543–11548
    'obj.resolve': { days: 10, unit: 'WD' }, // L11466, L11622
    'cert.number': { kind: 'serial', prefix: 'GDDR' },
  },
  tianjin: {
    'reg.types': ['first', 'supplement', 'change', 'license', 'pledge', 'transfer', 'cancellation'], // L6400–6407
    'reg.substantiveBy': 'platform',
    'reg.publicity': { days: 3, unit: 'WD' }, // ≥3 WD (L6831)
    'reg.jointChange': true, // RA-10 (L6722)
    'reg.changeDueWD': 1, // same day (L6746–6748); one WD to file (ours)
    'cert.number': { kind: 'serial', prefix: 'TJDR' },
  },
  guizhou: {
    'reg.types': ['first', 'trade', 'trust', 'change', 'cancellation', 'revocation', 'renewal', 'license', 'pledge'],
    'reg.acceptanceWD': 3, // L32438
    'reg.failureNoticeWD': 3, // L32444
    'reg.publicity': { days: 30, unit: 'WD' }, // L32450
    'obj.resolve': { days: 10, unit: 'WD' }, // notify 3 + reply 7 (L32460–32475)
    'cert.validityYears': 2, // L32479–32481
    'cert.renewalYears': 2, // +2 years from the old expiry (L32684–32690)
    'cert.autoCancelOnLapse': true, // RA-15 (L32690–32692)
    'cert.capByAgreementEnd': true, // or the agreement end if sooner (L32479–32481)
    'cert.number': { kind: 'oid', arc: '1.2.156.3088.52' }, // certNo is an OID (L32373); arc (ours)
  },
  dali: {
    'reg.types': ['first', 'change', 'cancellation', 'license', 'pledge', 'transfer'], // L29851–29853
    'reg.acceptanceWD': 5, // L30100
    'reg.correctionWD': 5, // L30102–30104
    'reg.publicity': { days: 7, unit: 'CD' }, // ≥7 CD (L30159)
    'cert.validityYears': 1, // L30202–30206
    'cert.renewalYears': 1,
    'cert.number': { kind: 'serial', prefix: 'DLDR' },
    'reg.retentionYears': 15, // RA-24: 15 years, offline after cancellation (L30234–30236)
    // RA-06: Dali's substantive checks (L30106–30125)
    'reg.substantiveChecks': [
      'identity',
      'asset_info',
      'lawful_acquisition',
      'rights_relation',
      'no_dispute',
      'no_prohibited_content',
      'lawful_use_limits',
    ],
  },
  anhui: {
    'reg.types': ['first', 'license', 'pledge', 'transfer', 'change', 'cancellation'], // L23005
    'reg.acceptanceWD': 5, // L23121
    'reg.reviewWD': 20, // 20 holding, 10 others (L23127–23129)
    'reg.publicity': { days: 10, unit: 'WD' }, // L23135
    'obj.postRegistration': true, // L23172
    'obj.resolve': { days: 30, unit: 'CD' }, // L23166–23168
    'reg.rulebookChange': 'approve', // RA-20: 取得有关部门的同意并公示 (L22959–22963)
    'obj.onTimeout': 'terminate',
    'cert.number': { kind: 'serial', prefix: 'AHDR' },
  },
  beijing: {
    // Data IP (003:L313–315): registration, change, cancellation; trade, pledge, licence filed in 10 WD (003:L333).
    'reg.types': ['first', 'change', 'cancellation', 'trade', 'pledge', 'license', 'renewal'],
    'reg.rightTypes': ['data_ip'],
    'reg.changeDueWD': 10,
    'ip.filingWD': 10, // RA-11 (003:L333; 004:L5938–5940)
    'cert.validityYears': 3, // (ours) (003:L377)
    'cert.number': { kind: 'serial', prefix: 'BJIP' },
  },
};
