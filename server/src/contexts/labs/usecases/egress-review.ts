import { ruleError } from '../../../kernel/http/errors.js';
import { runRules } from '../../../kernel/workflow/rules.js';
import type { EgressReviewFacts, LabEgressReviews } from '../../sandbox/service.js';
import { LAB_35, LAB_35_REVIEWER } from '../rules-egress.js';
import { labOfGrant } from '../store-duties.js';

/**
 * LAB-35 for the sandbox's egress review (decision 0100), registered through its lab seam by labs/service.ts:
 * - the plan: a request on a lab Grant names the lab's initiator as its reviewer org;
 * - the assessment: LAB_35_REVIEWER says whether this reviewer may review at this stage (never the partner; the
 *   initiator's security officer first, the authority second); for an approval, LAB_35 over the approvals with this
 *   one says whether the review is complete. Only `LAB_EGRESS_NEEDS_AUTHORITY` after the first review is "not yet":
 *   any other failure refuses.
 */

/** The grades LAB-35 counts as touching an `important` field (a `core` field is more than important). */
const IMPORTANT = ['important', 'core'];

export const labEgressReviews: LabEgressReviews = {
  async plan(k, grantId) {
    const found = await labOfGrant(k.db, grantId);
    return found ? { ref: found.lab.id, reviewerOrgIds: [found.lab.initiator_org_id] } : null;
  },

  async assess(k, f: EgressReviewFacts) {
    const found = await labOfGrant(k.db, f.grantId);
    if (!found) return { complete: true }; // no lab behind the Grant (any more): the authority's review stands alone
    const { lab } = found;
    const parties = { initiatorOrgId: lab.initiator_org_id, partnerOrgId: lab.partner_org_id };
    const who = runRules(
      [LAB_35_REVIEWER],
      { reviewer: f.reviewer, stage: f.stage, outputKind: f.outputKind, ...parties },
      k.profile,
    );
    if (who.failures.length) throw ruleError(who.failures, 422);
    if (f.decision !== 'approve') return { complete: false };
    const touchesImportant = f.touchedGrades.some((g) => IMPORTANT.includes(g));
    const all = runRules(
      [LAB_35],
      { reviews: [...f.approvals, f.reviewer], outputKind: f.outputKind, touchesImportant, ...parties },
      k.profile,
    );
    if (!all.failures.length) return { complete: true };
    const waitsForAuthority = f.stage === 'first' && all.failures.every((x) => x.code === 'LAB_EGRESS_NEEDS_AUTHORITY');
    if (waitsForAuthority) return { complete: false };
    throw ruleError(all.failures, 422);
  },
};
