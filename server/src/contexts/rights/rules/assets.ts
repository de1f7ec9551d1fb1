import type { Profile } from '../../../kernel/profiles/index.js';
import { fail, pass, rule } from '../../../kernel/workflow/rules.js';
import type { AccountingClass } from './accounting.js';

/** DataAsset card rules (rights-assets.md RA-26…RA-30, RA-36; 财政部 guidance 004:L2960–3263). */

// RA-26: only Grants of processing-use or product-operation rights put an authorization mark on the
// card (004:L3076–3078); the holder keeps the asset, so the mark never touches the book value.
export const MARKABLE_RIGHTS = ['processing_use', 'product_operation'] as const;
export const RA_26 = rule('RA-26', (f: { rightType: string }) =>
  (MARKABLE_RIGHTS as readonly string[]).includes(f.rightType)
    ? pass()
    : fail('MARK_RIGHT_INVALID', { rightType: f.rightType, allowed: MARKABLE_RIGHTS.join(', ') }, 422),
);

/** RA-27: a public data asset's usage is stale when not refreshed within `asset.usageSyncDays` (004:L3095–3097). */
export function usageStale(
  a: { isPublicDataAsset: boolean; syncedAt: Date | null; createdAt: Date },
  now: Date,
  p: Profile,
): boolean {
  if (!a.isPublicDataAsset) return false;
  const since = a.syncedAt ?? a.createdAt;
  return now.getTime() - since.getTime() > p.get<number>('asset.usageSyncDays') * 86_400_000;
}

// RA-28: a public data asset is pledged or contributed as equity only where the profile enables it (004:L3060–3064).
export const RA_28 = rule('RA-28', (f: { isPublicDataAsset: boolean }, p: Profile) =>
  f.isPublicDataAsset && !p.get<boolean>('asset.pledgeAllowed')
    ? fail('PUBLIC_ASSET_ENCUMBRANCE_FORBIDDEN', {}, 409)
    : pass(),
);

export interface DestructionFacts {
  approvalRef: string;
  securityProcessed: boolean;
  desensitized: boolean;
  outsourced: boolean;
  confidentialityContract: boolean;
}

// RA-30: approval, then security and desensitization processing, then logged destruction; an outsourced
// destruction needs a confidentiality contract (004:L3156–3164).
export const RA_30 = rule('RA-30', (f: DestructionFacts) => {
  const missing = [
    !f.approvalRef.trim() && 'approval',
    !f.securityProcessed && 'security_processing',
    !f.desensitized && 'desensitization',
  ].filter((x): x is string => !!x);
  if (missing.length) return fail('DESTRUCTION_STEPS_INCOMPLETE', { steps: missing.join(', ') }, 422);
  if (f.outsourced && !f.confidentialityContract) return fail('CONFIDENTIALITY_CONTRACT_REQUIRED', {}, 422);
  return pass();
});

/**
 * RA-36: capitalizable cost components (004:L2758–2768, L2805–2813): price and taxes; desensitization,
 * cleaning, labelling, integration, analysis, visualization; rights authentication, quality assessment,
 * registration and settlement, security management. Inventory adds insurance and processing.
 */
export const CAPITALIZABLE_COMPONENTS = [
  'price',
  'taxes',
  'desensitization',
  'cleaning',
  'labelling',
  'integration',
  'analysis',
  'visualization',
  'rights_authentication',
  'quality_assessment',
  'registration_settlement',
  'security_management',
] as const;
export const INVENTORY_EXTRA_COMPONENTS = ['insurance', 'processing'] as const;

export function capitalizableComponents(cls: AccountingClass): readonly string[] {
  return cls === 'inventory' ? [...CAPITALIZABLE_COMPONENTS, ...INVENTORY_EXTRA_COMPONENTS] : CAPITALIZABLE_COMPONENTS;
}

// RA-36: a cost line marked capitalizable must be one of the class's components; services failing the
// intangible definition (anything else) are expensed.
export const RA_36 = rule(
  'RA-36',
  (f: { class: AccountingClass; costs: Array<{ component: string; capitalize: boolean; expensed: boolean }> }) => {
    if (!['inventory', 'development_expenditure', 'intangible'].includes(f.class)) return pass();
    const allowed = capitalizableComponents(f.class);
    const bad = f.costs.filter((c) => c.capitalize && !c.expensed && !allowed.includes(c.component));
    return bad.length
      ? fail('COST_NOT_CAPITALIZABLE', { components: [...new Set(bad.map((c) => c.component))].join(', ') }, 422)
      : pass();
  },
);
