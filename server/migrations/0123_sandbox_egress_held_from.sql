-- sandbox.md EgressRequest: "any open state ⇄ held while the Grant is suspended". A held request remembers the state
-- it was held in, so unfreezing the Workspace returns it there: a lab request the security officer already passed
-- (awaiting_second_review) keeps that first review, and a draft or returned request goes back to its author instead
-- of to a reviewer without its checks. NULL: not held, or held before this column (those resume to awaiting_review).
ALTER TABLE sandbox_egress_request ADD COLUMN held_from text;
