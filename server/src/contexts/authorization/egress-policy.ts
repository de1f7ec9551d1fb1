import type { Profile } from '../../kernel/profiles/index.js';
import { effectiveGrade, normalizeMasking } from './rules/index.js';
import type { EgressInput, Grade } from './model.js';

// How an approved application becomes a Grant's field list and egress policy (authorization.md Grant).

export type MaskingMethod =
  | 'none'
  | 'mask'
  | 'truncate'
  | 'generalize'
  | 'hmac_pseudonym'
  | 'sm4_token'
  | 'date_shift'
  | 'drop';
export type MaskingRule = {
  method: MaskingMethod;
  params?: Record<string, unknown>;
};
export type EgressPolicy = {
  allowedOutputKinds: string[];
  minGroupSize: number;
  smallCellSuppression: boolean;
  dp: { mechanism: 'laplace' | 'gaussian'; epsilonBudget: number; delta?: number } | null;
  masking: Record<string, MaskingRule>;
};

/** One granted field as stored on the grant (FieldGrant). */
export type FieldGrant = {
  resourceId: string;
  resourceNameZh: string;
  fieldId: string | null;
  code: string;
  nameZh: string;
  dataType: string;
  grade: Grade;
  personalInfo: boolean;
  directIdentifier: boolean;
  masking: MaskingRule;
  visibility: 'masked_rows' | 'aggregate_only';
  egressAllowed: boolean;
  conditions: string | null;
};

export interface AcceptedItem {
  resource_id: string;
  resource_name_zh: string;
  field_id: string | null;
  field_code: string;
  field_name_zh: string;
  data_type: string;
  grade_snapshot: Grade;
  resource_grade?: Grade | null;
  personal: boolean;
  direct_identifier: boolean;
  requested_masking: { method: string; params?: Record<string, unknown> };
  requested_visibility: string;
  consent_conditions: string | null;
}

/** FieldGrants of the accepted items; important fields default to aggregate-only (AUTH-15). */
export function grantFields(items: AcceptedItem[]): FieldGrant[] {
  return items.map((i) => {
    const grade =
      effectiveGrade({ grade: i.grade_snapshot, resourceGrade: i.resource_grade ?? null }) ?? i.grade_snapshot;
    const method = normalizeMasking(i.requested_masking.method) as MaskingMethod;
    const visibility = grade === 'important' ? 'aggregate_only' : (i.requested_visibility as FieldGrant['visibility']);
    return {
      resourceId: i.resource_id,
      resourceNameZh: i.resource_name_zh,
      fieldId: i.field_id,
      code: i.field_code,
      nameZh: i.field_name_zh,
      dataType: i.data_type,
      grade,
      personalInfo: i.personal,
      directIdentifier: i.direct_identifier,
      masking: { method, ...(i.requested_masking.params ? { params: i.requested_masking.params } : {}) },
      visibility,
      // Clear personal values never leave the sandbox (AUTH-16): only de-identified fields may appear in outputs.
      egressAllowed: !(i.personal && method === 'none') && method !== 'drop',
      conditions: i.consent_conditions,
    };
  });
}

/** The egress policy the sandbox enforces; k never goes below the profile's default. */
export function egressPolicy(fields: FieldGrant[], proposed: EgressInput, p: Profile): EgressPolicy {
  const kMin = p.get<number>('authorization.defaultMinGroupSize');
  return {
    allowedOutputKinds: [...new Set(proposed.allowedOutputKinds)],
    minGroupSize: Math.max(kMin, proposed.minGroupSize ?? kMin),
    smallCellSuppression: proposed.smallCellSuppression ?? true,
    dp: proposed.dp ?? null,
    masking: Object.fromEntries(fields.map((f) => [f.code, f.masking])),
  };
}

/** Limits beside the sandbox contract (spec EgressPolicy): reviewers 2 when any important field (AUTH-15). */
export function egressLimits(fields: FieldGrant[], p: Profile) {
  const k = p.get<number>('authorization.defaultMinGroupSize');
  return {
    reviewersRequired: fields.some((f) => f.grade === 'important') ? 2 : 1,
    smallCellThreshold: k,
    differencingGuard: true,
    maxOutputRows: p.get<number>('authorization.defaultMaxOutputRows'),
  };
}
