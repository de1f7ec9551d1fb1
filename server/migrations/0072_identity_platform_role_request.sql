-- IAM-14 (三员分立, decision 0059 addendum): a platform role (sys_admin, security_admin, audit_admin)
-- changes only through a request by a sys_admin that a different security_admin approves; the
-- approval applies the change to the target's membership in the same transaction.
CREATE TABLE platform_role_request (
  id               uuid PRIMARY KEY,
  org_id           uuid NOT NULL REFERENCES organization(id),
  membership_id    uuid NOT NULL REFERENCES membership(id),
  target_user_id   uuid NOT NULL REFERENCES app_user(id),
  change           text NOT NULL CHECK (change IN ('grant', 'revoke')),
  role             text NOT NULL CHECK (role IN ('sys_admin', 'security_admin', 'audit_admin')),
  reason           text NOT NULL,
  requested_by     uuid NOT NULL REFERENCES app_user(id),
  decided_by       uuid REFERENCES app_user(id),
  decision_reason  text,
  decided_at       timestamptz,
  state            text NOT NULL,
  version          integer NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX platform_role_request_org_idx ON platform_role_request (org_id, created_at DESC);
