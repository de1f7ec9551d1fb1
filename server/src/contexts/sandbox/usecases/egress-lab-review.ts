import type { Kernel } from '../../../kernel/kernel.js';
import { activeActorRoles, type Actor } from '../../../kernel/workflow/actor.js';
import * as store from '../store.js';
import { assessLabEgressReview, type EgressReviewer } from './lab-seam.js';

/**
 * The review of a lab EgressRequest (labs.md LAB-35; decision 0100). The sandbox supplies the facts of the request
 * (its output kind, the grades of the granted fields it reads, the approvals so far, who reviews now) and the labs
 * context answers through the seam whether this reviewer may review at this stage and whether an approval completes
 * the review. The sandbox then picks its own transition:
 * - `awaiting_review` (first stage, the initiator's security officer): `lab_approve` when complete, `lab_pass` to
 *   `awaiting_second_review` when the authority must review too, `lab_deny`, `lab_return`;
 * - `awaiting_second_review` (the authority): `approve`, `deny`, `return`.
 */

export type EgressReviewAction = 'approve' | 'deny' | 'return' | 'lab_approve' | 'lab_pass' | 'lab_deny' | 'lab_return';

const reviewerOf = (actor: Actor): EgressReviewer => ({
  orgId: actor.orgId ?? '',
  userId: actor.userId ?? '',
  roles: [...actor.roles],
  actors: [...new Set(activeActorRoles(actor).map((r) => r.actor))],
});

/** The grades of the granted fields the output reads: the EGR-12 contributions matched to the Workspace's views. */
async function touchedGrades(k: Kernel, e: store.EgressRow): Promise<string[]> {
  const ws = await store.getWorkspace(k.db, e.workspace_id);
  const grades = new Set<string>();
  for (const c of e.contributions ?? []) {
    const view = ws?.views.find((v) => v.resourceId === c.resourceId);
    for (const f of view?.fields ?? []) if (c.fields.includes(f.name)) grades.add(f.grade);
  }
  return [...grades];
}

/** The transition of this review and what the review records of the reviewer (its roles and actor types). */
export async function labReviewAction(
  k: Kernel,
  actor: Actor,
  e: store.EgressRow,
  decision: 'approve' | 'deny' | 'return',
): Promise<{ action: EgressReviewAction; review: { roles: string[]; actors: string[] } }> {
  const reviewer = reviewerOf(actor);
  const stage = e.state === 'awaiting_second_review' ? 'second' : 'first';
  const approvals = (e.reviews ?? [])
    .filter((r) => r.decision === 'approve')
    .map((r) => ({
      orgId: r.reviewerOrgId ?? '',
      userId: r.reviewerId ?? '',
      roles: r.roles ?? [],
      actors: r.actors ?? [],
    }));
  const { complete } = await assessLabEgressReview(k, {
    grantId: e.grant_id,
    outputKind: e.output_kind,
    touchedGrades: await touchedGrades(k, e),
    stage,
    reviewer,
    decision,
    approvals,
  });
  const review = { roles: reviewer.roles, actors: reviewer.actors };
  if (stage === 'second') return { action: decision, review };
  if (decision !== 'approve') return { action: decision === 'deny' ? 'lab_deny' : 'lab_return', review };
  return { action: complete ? 'lab_approve' : 'lab_pass', review };
}
