-- identity.md: jurisdictions, organizations, actor roles, users, memberships, sessions, API keys.

CREATE TABLE jurisdiction (
  id                uuid PRIMARY KEY,
  level             text NOT NULL CHECK (level IN ('national', 'province', 'city', 'district')),
  division_code     text NOT NULL UNIQUE CHECK (division_code ~ '^[0-9]{6}$'),
  name_zh           text NOT NULL,
  parent_id         uuid REFERENCES jurisdiction(id),
  -- ids from the national root down to this node, for ancestor checks (IAM-10)
  path              uuid[] NOT NULL,
  authority_org_id  uuid,
  profile_id        text,
  created_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE organization (
  id                           uuid PRIMARY KEY,
  entity_kind                  text NOT NULL,
  name_zh                      text NOT NULL,
  short_name                   text,
  uscc                         text UNIQUE,
  person_id_number_enc         bytea,
  person_id_masked             text,
  legal_rep                    jsonb,
  registered_address           text NOT NULL,
  division_code                text NOT NULL,
  home_jurisdiction_id         uuid NOT NULL REFERENCES jurisdiction(id),
  supervising_authority_org_id uuid REFERENCES organization(id),
  contacts                     jsonb NOT NULL DEFAULT '[]',
  blacklist_flags              jsonb NOT NULL DEFAULT '{}',
  incidents_last_3_years       integer NOT NULL DEFAULT 0,
  in_rectification             boolean NOT NULL DEFAULT false,
  state                        text NOT NULL,
  version                      integer NOT NULL,
  created_by                   uuid,
  demo                         boolean NOT NULL DEFAULT false,
  created_at                   timestamptz NOT NULL DEFAULT now(),
  updated_at                   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX organization_jurisdiction_idx ON organization (home_jurisdiction_id);

CREATE TABLE qualification_doc (
  id           uuid PRIMARY KEY,
  org_id       uuid NOT NULL REFERENCES organization(id),
  type         text NOT NULL,
  file_ref     text,
  sm3_hash     text,
  issuer       text,
  doc_number   text,
  valid_from   date,
  valid_to     date,
  state        text NOT NULL,
  version      integer NOT NULL,
  verified_by  uuid,
  verified_at  timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE org_actor_role (
  id                 uuid PRIMARY KEY,
  org_id             uuid NOT NULL REFERENCES organization(id),
  actor              text NOT NULL,
  jurisdiction_id    uuid NOT NULL REFERENCES jurisdiction(id),
  basis_type         text NOT NULL,
  basis_ref          text,
  granted_by         uuid,
  granted_at         timestamptz NOT NULL DEFAULT now(),
  valid_from         date NOT NULL,
  valid_to           date,
  suspension_reason  text,
  state              text NOT NULL,
  version            integer NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX org_actor_role_org_idx ON org_actor_role (org_id);

CREATE TABLE app_user (
  id                    uuid PRIMARY KEY,
  login_name            text NOT NULL UNIQUE,
  real_name             text NOT NULL,
  mobile                text,
  email                 text,
  id_number_enc         bytea,
  password_hash         text,
  password_history      jsonb NOT NULL DEFAULT '[]',
  totp_secret_enc       bytea,
  totp_last_step        bigint,
  recovery_code_hashes  jsonb NOT NULL DEFAULT '[]',
  failed_login_count    integer NOT NULL DEFAULT 0,
  locked_until          timestamptz,
  password_changed_at   timestamptz,
  last_login_at         timestamptz,
  demo                  boolean NOT NULL DEFAULT false,
  state                 text NOT NULL,
  version               integer NOT NULL,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE membership (
  id                uuid PRIMARY KEY,
  user_id           uuid NOT NULL REFERENCES app_user(id),
  org_id            uuid NOT NULL REFERENCES organization(id),
  roles             jsonb NOT NULL DEFAULT '[]',
  background_check  jsonb NOT NULL DEFAULT '{"status":"not_started"}',
  nda               jsonb,
  primary_security_officer boolean NOT NULL DEFAULT false,
  position          jsonb,
  valid_from        date,
  valid_to          date,
  state             text NOT NULL,
  version           integer NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, org_id)
);

-- Server-side sessions (LGN-05); the cookie carries a random token, we keep only its SM3.
CREATE TABLE session (
  id_hash       text PRIMARY KEY,
  seq           bigserial,
  user_id       uuid NOT NULL REFERENCES app_user(id),
  org_id        uuid NOT NULL REFERENCES organization(id),
  csrf_token    text NOT NULL,
  stage         text NOT NULL DEFAULT 'active',
  mfa_at        timestamptz,
  ip            text,
  user_agent    text,
  created_at    timestamptz NOT NULL,
  last_seen_at  timestamptz NOT NULL,
  revoked_at    timestamptz
);
CREATE INDEX session_user_idx ON session (user_id) WHERE revoked_at IS NULL;

CREATE TABLE api_key (
  id              uuid PRIMARY KEY,
  org_id          uuid NOT NULL REFERENCES organization(id),
  owner_user_id   uuid NOT NULL REFERENCES app_user(id),
  name            text NOT NULL,
  prefix          text NOT NULL UNIQUE,
  secret_hash     text NOT NULL,
  scopes          jsonb NOT NULL,
  ip_allow_list   jsonb NOT NULL DEFAULT '[]',
  rate_limit      jsonb NOT NULL DEFAULT '{"rps":50,"burst":100}',
  expires_at      timestamptz NOT NULL,
  last_used_at    timestamptz,
  state           text NOT NULL,
  version         integer NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE training (
  id                 uuid PRIMARY KEY,
  org_id             uuid NOT NULL REFERENCES organization(id),
  lab_id             uuid,
  title              text NOT NULL,
  kind               text NOT NULL,
  held_on            date NOT NULL,
  hours              numeric NOT NULL,
  attendee_user_ids  jsonb NOT NULL DEFAULT '[]',
  sign_in_sheet_ref  text,
  created_at         timestamptz NOT NULL DEFAULT now()
);
