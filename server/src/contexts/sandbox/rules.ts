import { fail, pass, rule } from '../../kernel/workflow/rules.js';
import { AUTH_29 } from '../authorization/service.js';

export interface WorkspaceFacts {
  grantState: string;
  orgIsHolder: boolean;
  orgIsCollaborator: boolean;
  exists: boolean;
}

// SBX-01: a Workspace exists only for an active Grant, held by its operator or a collaborator on it (002:L167, L177).
export const SBX_01 = rule('SBX-01', (f: WorkspaceFacts) => {
  if (f.grantState !== 'active') return fail('GRANT_NOT_USABLE', { reason: f.grantState }, 409);
  if (!f.orgIsHolder && !f.orgIsCollaborator) return fail('GRANT_NOT_USABLE', { reason: 'not_a_party' }, 403);
  if (f.exists) return fail('WORKSPACE_EXISTS', {}, 409);
  return pass();
});

export interface SeatFacts {
  userInHolderOrg: boolean;
  seatCount: number;
  alreadySeated: boolean;
}

// SBX-02: seats are named users of the holder org; at most sandbox.maxSeatsPerWorkspace.
// NOT_A_SEAT is 403 wherever it is answered (here and in assertWorkspaceUsable): it says who may use
// the Workspace, a forbidden person rather than malformed input (style.md §4, §5; issue 13: one code, one status).
export const SBX_02 = rule('SBX-02', (f: SeatFacts, p) => {
  if (!f.userInHolderOrg) return fail('NOT_A_SEAT', {}, 403);
  const max = p.get<number>('sandbox.maxSeatsPerWorkspace');
  if (!f.alreadySeated && f.seatCount >= max) return fail('SEAT_LIMIT', { max }, 409);
  return pass();
});

export interface EgressFileFacts {
  outputKind: string;
  allowedOutputKinds: string[];
  declaredUse: string;
  publicationPermitted: boolean;
  jobOk: boolean;
  jobId: string;
  /** EGR-11: the request this one resubmits, and that request's state when it is of this Workspace. */
  resubmissionOf?: string | null;
  prior?: { state: string } | null;
}

// EGR-01: the kind must be allowed by the Grant; the artifact comes from a succeeded Job of this Workspace.
export const EGR_01 = rule('EGR-01', (f: EgressFileFacts) => {
  if (!f.jobOk) return fail('EGRESS_SOURCE_INVALID', { jobId: f.jobId }, 422);
  return f.allowedOutputKinds.includes(f.outputKind)
    ? pass()
    : fail('EGRESS_KIND_NOT_ALLOWED', { kind: f.outputKind }, 422);
});

// EGR-11: denied, withdrawn and expired outputs never leave; a resubmission is a NEW request that
// references the old one, which must be of this Workspace and closed without a release (000:L50).
const RESUBMITTABLE = ['denied', 'returned', 'withdrawn', 'expired', 'auto_failed'];
export const EGR_11 = rule('EGR-11', (f: EgressFileFacts) => {
  if (!f.resubmissionOf) return pass();
  if (!f.prior) return fail('RESUBMISSION_INVALID', { id: f.resubmissionOf, reason: 'not_found' }, 422);
  return RESUBMITTABLE.includes(f.prior.state)
    ? pass()
    : fail('RESUBMISSION_INVALID', { id: f.resubmissionOf, reason: f.prior.state }, 409);
});

// EGR-13: patent filing and exclusive publication need the AUTH-29 permission (authority + source units):
// the authorization context's rule itself, so the refusal is PUBLICATION_PERMISSION_REQUIRED under AUTH-29.
export const EGR_13 = AUTH_29;

export interface ReviewFacts {
  reviewerOrgId: string;
  requesterOrgId: string;
  reason: string;
}

// EGR-09: reviewers are outside the requester's org and every decision carries a reason.
export const EGR_09 = rule('EGR-09', (f: ReviewFacts) => {
  if (f.reviewerOrgId === f.requesterOrgId) return fail('REVIEWER_SAME_ORG', {}, 403);
  return f.reason.trim().length ? pass() : fail('REASON_REQUIRED', {}, 422);
});

export interface DownloadFacts {
  recipientOrgId: string;
  orgId: string;
  expired: boolean;
  downloads: number;
}

// EGR-10: the link is bound to the recipient org, valid egress.linkDays, at most egress.maxDownloads.
export const EGR_10 = rule('EGR-10', (f: DownloadFacts, p) => {
  if (f.orgId !== f.recipientOrgId) return fail('RELEASE_NOT_FOR_ORG', {}, 403);
  if (f.expired) return fail('RELEASE_LINK_EXPIRED', {}, 409);
  const max = p.get<number>('egress.maxDownloads');
  return f.downloads >= max ? fail('RELEASE_DOWNLOADS_EXHAUSTED', { max }, 409) : pass();
});
