import type { Kernel } from '../../../kernel/kernel.js';

/**
 * The labs seam of the sandbox (labs.md LAB-33, LAB-34; decision 0086). A Workspace on a Grant with basis
 * `lab_agreement` is used under the lab's own rules, which the labs context owns and supplies here (labs/service.ts
 * registers the check; the sandbox does not import labs). The check throws the refusal (422 with the rule ID) or
 * returns; with no lab behind the Grant it returns at once.
 * - `develop`: LAB-33 — development on a raw (rawAllowed) scope line needs the lab `active`.
 * - `egress`: LAB-34 — no new EgressRequest while the lab's egress rectification is open.
 * LAB-35 (below): who reviews a lab EgressRequest, and when its review is complete.
 */
export type LabGrantUse = 'develop' | 'egress';
/** The kernel's database and profile (the lab rules read `lab.*` parameters). */
export type LabGrantCheck = (k: Pick<Kernel, 'db' | 'profile'>, grantId: string, use: LabGrantUse) => Promise<void>;

let check: LabGrantCheck | null = null;

export function provideLabGrantCheck(c: LabGrantCheck) {
  check = c;
}

export async function assertLabGrantUse(k: Pick<Kernel, 'db' | 'profile'>, grantId: string, use: LabGrantUse) {
  if (check) await check(k, grantId, use);
}

/**
 * The lab egress review (labs.md LAB-35; decision 0100). The labs context answers, for a request filed on a lab
 * Grant, who reviews it besides the authority (the plan, stored on the request), and at each review whether this
 * reviewer may review at this stage and whether the approvals are then complete. The sandbox records the reviews.
 */
export interface EgressReviewPlan {
  /** The lab behind the Grant. */
  ref: string;
  /** Orgs whose reviewer reviews the request (the lab's initiator): they read it and find it in their list. */
  reviewerOrgIds: string[];
}

/** A reviewer as the lab rule reads it: its org, its roles there and the actor types its org holds. */
export interface EgressReviewer {
  orgId: string;
  userId: string;
  roles: string[];
  actors: string[];
}

export interface EgressReviewFacts {
  grantId: string;
  outputKind: string;
  /** The grades of the granted fields the output reads (EGR-12 contributions). */
  touchedGrades: string[];
  /** `first`: the request awaits the lab's own reviewer; `second`: the authority's review. */
  stage: 'first' | 'second';
  reviewer: EgressReviewer;
  decision: 'approve' | 'deny' | 'return';
  /** The approvals already recorded on the request. */
  approvals: EgressReviewer[];
}

export interface LabEgressReviews {
  plan(k: Pick<Kernel, 'db' | 'profile'>, grantId: string): Promise<EgressReviewPlan | null>;
  /** Throws the refusal (422 with the rule ID) when this reviewer may not review now; answers whether an approval completes the review. */
  assess(k: Pick<Kernel, 'db' | 'profile'>, f: EgressReviewFacts): Promise<{ complete: boolean }>;
}

let reviews: LabEgressReviews | null = null;

export function provideLabEgressReviews(r: LabEgressReviews) {
  reviews = r;
}

/** The plan of a request on this Grant; null (the authority alone reviews) with no lab behind it. */
export async function labEgressReviewPlan(k: Pick<Kernel, 'db' | 'profile'>, grantId: string) {
  return reviews ? reviews.plan(k, grantId) : null;
}

/** Asked only for a request that carries a plan (so labs registered the provider when it was filed). */
export async function assessLabEgressReview(k: Pick<Kernel, 'db' | 'profile'>, f: EgressReviewFacts) {
  if (!reviews) throw new Error('lab egress review provider not registered');
  return reviews.assess(k, f);
}
