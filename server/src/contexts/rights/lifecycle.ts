import { definePermissions } from '../../kernel/workflow/authorize.js';
import { defineLifecycle, NEW } from '../../kernel/workflow/lifecycle.js';
import { ORG_ROLES } from '../identity/model.js';
import {
  RA_05_INDEPENDENT,
  RA_05_REPORT,
  RA_09_DIRECT,
  RA_09_PUBLISH,
  RA_12_OBJECTION,
  RA_13,
  RA_17,
  RA_29,
  RA_34,
  RA_37,
  RA_31,
  RA_06,
  RA_26,
  RA_28,
  RA_30,
  RA_36,
  SECOND_REVIEW_FIRST,
  SUBMIT_RULES,
  valuationRetentionClass,
} from './rules/index.js';

/** Who may do what (identity.md permission model, as data). */
const HOLDERS = ['operator', 'collaborator', 'lab_partner', 'buyer', 'source_unit', 'exchange'];
definePermissions({
  'rights.apply': { roles: ['org_admin', 'reviewer'], actors: HOLDERS, relationships: ['party_to'], kind: 'write' },
  'rights.review': { roles: ['org_admin', 'reviewer'], actors: ['registry'], relationships: ['owner'], kind: 'write' },
  'rights.decide': {
    roles: ['org_admin', 'reviewer'],
    actors: ['registry'],
    relationships: ['owner'],
    kind: 'approve',
  },
  'rights.evaluate': {
    roles: ['org_admin', 'reviewer'],
    actors: ['evaluator'],
    relationships: ['grantee_of'],
    kind: 'write',
  },
  // RA-13: anyone may object (real name: a signed-in user of any org).
  'rights.object': { roles: [...ORG_ROLES], actors: ['any'], relationships: ['any'], kind: 'write' },
  'valuation.work': {
    roles: ['org_admin', 'reviewer'],
    actors: ['evaluator'],
    relationships: ['owner'],
    kind: 'write',
  },
  'asset.manage': { roles: ['org_admin', 'reviewer'], actors: HOLDERS, relationships: ['owner'], kind: 'write' },
  'rights.system': { roles: [], actors: ['system'], relationships: ['any'], kind: 'write' },
  // Lab plaques (labs.md): the issuing authority (owner of the plaque) or the labs context's jobs.
  'rights.plaque': {
    roles: ['org_admin', 'reviewer'],
    actors: ['authority', 'system'],
    relationships: ['owner'],
    kind: 'approve',
  },
});

/** RightsRegistration (rights-assets.md "Lifecycles"). */
export const registrationLifecycle = defineLifecycle({
  objectType: 'RightsRegistration',
  table: 'rights_registration',
  retentionClass: 'registration',
  states: [
    'draft',
    'submitted',
    'accepted',
    'formal_review',
    'correction_requested',
    'substantive_review',
    'second_review',
    'publicity',
    'suspended',
    'registered',
    'rejected',
    'refused',
    'terminated',
    'withdrawn',
  ],
  transitions: {
    create: { from: [NEW], to: 'draft', permission: 'rights.apply' },
    submit: { from: ['draft'], to: 'submitted', permission: 'rights.apply', rules: SUBMIT_RULES },
    accept: { from: ['submitted'], to: 'accepted', permission: 'rights.review' },
    reject: { from: ['submitted'], to: 'rejected', permission: 'rights.decide' },
    start_formal_review: { from: ['accepted'], to: 'formal_review', permission: 'rights.review' },
    request_correction: {
      from: ['accepted', 'formal_review'],
      to: 'correction_requested',
      permission: 'rights.review',
    },
    resubmit: { from: ['correction_requested'], to: 'formal_review', permission: 'rights.apply' },
    refuse_lapsed_correction: { from: ['correction_requested'], to: 'refused', permission: 'rights.system' },
    commission: {
      from: ['formal_review'],
      to: 'substantive_review',
      permission: 'rights.review',
      rules: [RA_05_INDEPENDENT],
    },
    report: { from: ['substantive_review'], to: 'substantive_review', permission: 'rights.evaluate', rules: [RA_06] },
    to_second_review: {
      from: ['substantive_review'],
      to: 'second_review',
      permission: 'rights.decide',
      rules: [RA_05_REPORT],
    },
    publish: {
      from: ['substantive_review', 'second_review'],
      to: 'publicity',
      permission: 'rights.decide',
      rules: [RA_05_REPORT, SECOND_REVIEW_FIRST, RA_09_PUBLISH],
    },
    register_directly: {
      from: ['substantive_review', 'second_review'],
      to: 'registered',
      permission: 'rights.decide',
      rules: [RA_05_REPORT, SECOND_REVIEW_FIRST, RA_09_DIRECT],
    },
    fail_review: {
      from: ['formal_review', 'substantive_review', 'second_review'],
      to: 'refused',
      permission: 'rights.decide',
    },
    suspend: { from: ['publicity'], to: 'suspended', permission: 'rights.system' },
    resume: { from: ['suspended'], to: 'publicity', permission: 'rights.system' },
    register: { from: ['publicity', 'suspended'], to: 'registered', permission: 'rights.system' },
    terminate: { from: ['suspended'], to: 'terminated', permission: 'rights.system' },
    withdraw: {
      from: ['draft', 'submitted', 'accepted', 'formal_review', 'correction_requested'],
      to: 'withdrawn',
      permission: 'rights.apply',
    },
  },
});

/** RightsObjection (Shenzhen post-registration: filed → accepted → referred | lapsed). */
export const objectionLifecycle = defineLifecycle({
  objectType: 'RightsObjection',
  table: 'rights_objection',
  retentionClass: 'registration',
  states: ['filed', 'accepted', 'referred', 'upheld', 'dismissed', 'lapsed', 'withdrawn'],
  transitions: {
    file: { from: [NEW], to: 'filed', permission: 'rights.object', rules: [RA_13, RA_12_OBJECTION] },
    accept: { from: ['filed'], to: 'accepted', permission: 'rights.review' },
    refer: { from: ['accepted'], to: 'referred', permission: 'rights.review' },
    uphold: { from: ['accepted', 'referred'], to: 'upheld', permission: 'rights.decide' },
    dismiss: { from: ['filed', 'accepted', 'referred'], to: 'dismissed', permission: 'rights.decide' },
    lapse: { from: ['accepted'], to: 'lapsed', permission: 'rights.system' },
    time_out: { from: ['accepted'], to: 'upheld', permission: 'rights.system' },
  },
});

/** Certificate: valid → expired | revoked | cancelled | superseded; every change is a log leaf too. */
export const certificateLifecycle = defineLifecycle({
  objectType: 'RightsCertificate',
  table: 'rights_certificate',
  retentionClass: 'registration',
  states: ['valid', 'expired', 'revoked', 'cancelled', 'superseded'],
  transitions: {
    issue: { from: [NEW], to: 'valid', permission: 'rights.system' },
    supersede: { from: ['valid', 'expired'], to: 'superseded', permission: 'rights.system' },
    cancel: { from: ['valid', 'expired'], to: 'cancelled', permission: 'rights.system' },
    expire: { from: ['valid'], to: 'expired', permission: 'rights.system' },
    revoke: { from: ['valid', 'expired'], to: 'revoked', permission: 'rights.decide', rules: [RA_17] },
    // Lab plaques (labs.md): issued on certification, revoked on revocation or delisting, superseded on a
    // partner change; they expire through `expire` like any certificate.
    issue_plaque: { from: [NEW], to: 'valid', permission: 'rights.plaque' },
    revoke_plaque: { from: ['valid', 'expired'], to: 'revoked', permission: 'rights.plaque' },
    supersede_plaque: { from: ['valid', 'expired'], to: 'superseded', permission: 'rights.plaque' },
  },
});

/** Valuation: engaged → contracted → planned → fieldwork → reported → filed → archived, no step skipped (004:L30370–30376). */
export const valuationLifecycle = defineLifecycle({
  objectType: 'Valuation',
  table: 'rights_valuation',
  // RA-32: a statutory engagement (a government or SOE client, RA-31) is archived 30 years, another 15.
  retentionClass: (v) => valuationRetentionClass(v.client_is_soe === true),
  states: ['engaged', 'contracted', 'planned', 'fieldwork', 'reported', 'filed', 'archived', 'expired'],
  transitions: {
    engage: { from: [NEW], to: 'engaged', permission: 'valuation.work' },
    contract: { from: ['engaged'], to: 'contracted', permission: 'valuation.work' },
    plan: { from: ['contracted'], to: 'planned', permission: 'valuation.work' },
    start_fieldwork: { from: ['planned'], to: 'fieldwork', permission: 'valuation.work' },
    sign: { from: ['fieldwork'], to: 'fieldwork', permission: 'valuation.work' },
    report: { from: ['fieldwork'], to: 'reported', permission: 'valuation.work', rules: [RA_29, RA_31] },
    file: { from: ['reported'], to: 'filed', permission: 'valuation.work' },
    archive: { from: ['filed'], to: 'archived', permission: 'valuation.work' },
  },
});

/** DataAsset: candidate → memo_book → carded (RA-34); classification keeps it carded (RA-35, RA-37). */
export const dataAssetLifecycle = defineLifecycle({
  objectType: 'DataAsset',
  table: 'rights_data_asset',
  states: ['candidate', 'memo_book', 'carded', 'destroyed'],
  transitions: {
    create: { from: [NEW], to: 'candidate', permission: 'asset.manage' },
    to_memo_book: { from: ['candidate'], to: 'memo_book', permission: 'asset.manage' },
    card: { from: ['candidate', 'memo_book'], to: 'carded', permission: 'asset.manage', rules: [RA_34] },
    classify: { from: ['carded'], to: 'carded', permission: 'asset.manage', rules: [RA_37, RA_36] },
    // RA-26, RA-27, RA-28: marks, usage and encumbrances keep the card's state.
    mark: { from: ['carded'], to: 'carded', permission: 'asset.manage', rules: [RA_26] },
    record_usage: { from: ['carded'], to: 'carded', permission: 'asset.manage' },
    encumber: { from: ['carded'], to: 'carded', permission: 'asset.manage', rules: [RA_28] },
    destroy: {
      from: ['candidate', 'memo_book', 'carded'],
      to: 'destroyed',
      permission: 'asset.manage',
      rules: [RA_30],
    },
  },
});
