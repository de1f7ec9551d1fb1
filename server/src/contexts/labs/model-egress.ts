import { z } from 'zod';

/**
 * Lab egress (labs.md LAB-19, LAB-33, LAB-34, LAB-35; decision 0086): the rectification the initiator orders after
 * unapproved egress, and what the sandbox's egress review needs to know about a lab's EgressRequest.
 */

/** Stored in `lab.egress_rectification` (migration 0105) by the Lab's transitions. */
export const EgressRectification = z.object({
  rectificationId: z.string(),
  incidentId: z.string(),
  orderedOn: z.string(),
  deadline: z.string(),
  /** Supervision's Rectification state when the lab last moved (read live for the view). */
  state: z.string(),
  /** LAB-19: the authority is notified of the order (its jurisdiction's desk holds the Rectification too). */
  notices: z.array(z.object({ recipient: z.enum(['authority']), jurisdictionId: z.string() })),
});
export type EgressRectification = z.infer<typeof EgressRectification>;

export const OrderEgressRectificationInput = z.object({
  /** The Incident (`unapproved_egress`, naming the lab) the order answers. */
  incidentId: z.uuid(),
  items: z
    .array(z.object({ finding: z.string().min(1).max(2000), requiredAction: z.string().min(1).max(2000) }))
    .min(1),
});
export type OrderEgressRectificationInput = z.infer<typeof OrderEgressRectificationInput>;

export const EgressRectificationView = z.object({
  labId: z.string(),
  labState: z.string(),
  egressFrozen: z.boolean(),
  rectification: EgressRectification.nullable(),
});

/** LAB-35: one review of a lab EgressRequest, as the rule reads it. */
export interface LabEgressReview {
  orgId: string;
  userId: string;
  /** The reviewer's roles in its org, and the actor types its org holds. */
  roles: string[];
  actors: string[];
}
