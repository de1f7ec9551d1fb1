import { fail, pass, rule } from '../../kernel/workflow/rules.js';
import type { LabEgressReview } from './model-egress.js';

/** labs.md lab egress rules (LAB-19, LAB-33, LAB-34, LAB-35; decision 0086) as pure functions. */

const refuse = (code: string, params: Record<string, unknown> = {}) => fail(code, params, 422);

/** LAB-19: the initiator orders an egress rectification on a recorded unapproved egress of this lab. */
export const LAB_19 = rule<{ incident: { type: string; labIds: string[] } | null; labId: string }>('LAB-19', (f) =>
  f.incident && f.incident.type === 'unapproved_egress' && f.incident.labIds.includes(f.labId)
    ? pass()
    : refuse('LAB_EGRESS_BASIS_MISSING'),
);

/** LAB-19 (close): the lab returns to `active` only once the Rectification is accepted. */
export const LAB_19_ACCEPTED = rule<{ rectificationState: string | null }>('LAB-19', (f) =>
  f.rectificationState === 'accepted'
    ? pass()
    : refuse('LAB_EGRESS_RECTIFICATION_OPEN', { state: f.rectificationState ?? '—' }),
);

/** LAB-33: development on raw data needs `rawAllowed` on a classified line and the lab `active`. */
export const LAB_33 = rule<{ labState: string; rawAllowed: boolean; classified: boolean }>('LAB-33', (f) => {
  if (!f.rawAllowed) return pass(); // de-identified lines: the Grant's masking governs (LAB-13)
  if (!f.classified) return refuse('LAB_RAW_UNCLASSIFIED');
  return f.labState === 'active' ? pass() : refuse('LAB_RAW_NEEDS_ACTIVE', { state: f.labState });
});

/** LAB-34: no new EgressRequest of the lab while its egress rectification is open (profile switch). */
export const LAB_34 = rule<{ labState: string; egressRectificationOpen: boolean }>('LAB-34', (f, p) =>
  p.get<boolean>('lab.freezeEgressDuringRectification') && f.labState === 'rectifying' && f.egressRectificationOpen
    ? refuse('LAB_EGRESS_FROZEN')
    : pass(),
);

/**
 * LAB-35: a lab EgressRequest is approved by the initiator's security officer, plus a second reviewer from the
 * authority when the output is a `record_list` or touches an `important` field (`lab.egressSecondReviewer`);
 * never by the partner.
 */
export const LAB_35 = rule<{
  reviews: LabEgressReview[];
  initiatorOrgId: string;
  partnerOrgId: string;
  outputKind: string;
  touchesImportant: boolean;
}>('LAB-35', (f, p) => {
  if (f.reviews.some((r) => r.orgId === f.partnerOrgId)) return refuse('LAB_EGRESS_REVIEWER_PARTNER');
  const officer = f.reviews.some((r) => r.orgId === f.initiatorOrgId && r.roles.includes('security_officer'));
  if (!officer) return refuse('LAB_EGRESS_NEEDS_OFFICER');
  if (!needsSecondReviewer(f.outputKind, f.touchesImportant, p.get<boolean>('lab.egressSecondReviewer'))) return pass();
  return f.reviews.some((r) => r.actors.includes('authority'))
    ? pass()
    : refuse('LAB_EGRESS_NEEDS_AUTHORITY', { outputKind: f.outputKind });
});

/**
 * LAB-35 (who reviews now; decision 0100): never the partner; the first review is the initiator's security officer's,
 * the second (when LAB-35 asks for one) the authority's.
 */
export const LAB_35_REVIEWER = rule<{
  reviewer: LabEgressReview;
  stage: 'first' | 'second';
  initiatorOrgId: string;
  partnerOrgId: string;
  outputKind: string;
}>('LAB-35', (f) => {
  if (f.reviewer.orgId === f.partnerOrgId) return refuse('LAB_EGRESS_REVIEWER_PARTNER');
  if (f.stage === 'second')
    return f.reviewer.actors.includes('authority')
      ? pass()
      : refuse('LAB_EGRESS_NEEDS_AUTHORITY', { outputKind: f.outputKind });
  return f.reviewer.orgId === f.initiatorOrgId && f.reviewer.roles.includes('security_officer')
    ? pass()
    : refuse('LAB_EGRESS_NEEDS_OFFICER');
});

export const needsSecondReviewer = (outputKind: string, touchesImportant: boolean, enabled: boolean) =>
  enabled && (outputKind === 'record_list' || touchesImportant);
