-- identity.md User lifecycle invited → active: a one-time invitation link valid 72 h.
ALTER TABLE app_user ADD COLUMN invitation_token_hash text;
ALTER TABLE app_user ADD COLUMN invitation_expires_at timestamptz;
CREATE UNIQUE INDEX app_user_invitation_idx ON app_user (invitation_token_hash) WHERE invitation_token_hash IS NOT NULL;
