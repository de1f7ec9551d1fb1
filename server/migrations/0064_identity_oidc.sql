-- LGN-06: OIDC single sign-on per jurisdiction (decision 0060). Nothing here creates users:
-- a login is accepted only for an (issuer, subject) already linked to an existing user.

-- One active identity provider per jurisdiction (identity.md `auth.oidc.<jurisdiction>`; no row = off).
CREATE TABLE oidc_idp (
  id                 uuid PRIMARY KEY,
  jurisdiction_id    uuid NOT NULL REFERENCES jurisdiction(id),
  display_name       text NOT NULL,
  issuer             text NOT NULL,
  client_id          text NOT NULL,
  -- A reference such as `env:SHUYUN_OIDC_GD_SECRET`; the secret itself is never stored or logged.
  client_secret_ref  text NOT NULL,
  redirect_uri       text NOT NULL,
  scopes             text NOT NULL DEFAULT 'openid',
  -- The claim that carries the org's USCC, when the IdP sends one (LGN-06).
  org_claim          text,
  configured_by      uuid,
  state              text NOT NULL,
  version            integer NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX oidc_idp_active_idx ON oidc_idp (jurisdiction_id) WHERE state = 'active';

-- A user's link to an IdP subject, made while logged in (`self`) or pre-bound by org_admin.
CREATE TABLE user_oidc_link (
  id          uuid PRIMARY KEY,
  user_id     uuid NOT NULL REFERENCES app_user(id),
  org_id      uuid NOT NULL REFERENCES organization(id),
  issuer      text NOT NULL,
  subject     text NOT NULL,
  method      text NOT NULL CHECK (method IN ('self', 'org_admin')),
  bound_by    uuid,
  state       text NOT NULL,
  version     integer NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX user_oidc_link_subject_idx ON user_oidc_link (issuer, subject) WHERE state = 'active';
CREATE INDEX user_oidc_link_user_idx ON user_oidc_link (user_id);

-- An authorization request in flight: state, nonce and PKCE verifier live here, bound to the
-- browser that started it by a cookie; a flow is used once (replays are refused).
CREATE TABLE oidc_flow (
  state_hash     text PRIMARY KEY,
  idp_id         uuid NOT NULL REFERENCES oidc_idp(id),
  binding_hash   text NOT NULL,
  nonce          text NOT NULL,
  code_verifier  text NOT NULL,
  link_user_id   uuid REFERENCES app_user(id),
  created_at     timestamptz NOT NULL,
  expires_at     timestamptz NOT NULL,
  used_at        timestamptz
);
CREATE INDEX oidc_flow_expires_idx ON oidc_flow (expires_at);
