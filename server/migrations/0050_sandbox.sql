-- Sandbox (sandbox.md): workspaces, jobs, egress requests, release sketches, DP budgets, data-service templates.

CREATE TABLE sandbox_workspace (
  id                 uuid PRIMARY KEY,
  state              text NOT NULL,
  version            int NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  holder_org_id      uuid NOT NULL,
  grant_id           uuid NOT NULL,
  grant_version      int NOT NULL DEFAULT 1,
  grant_no           text,
  scenario_application_id text,
  jurisdiction_id    uuid,
  jurisdiction_path  jsonb NOT NULL DEFAULT '[]',
  name_zh            text NOT NULL,
  seats              jsonb NOT NULL DEFAULT '[]',
  views              jsonb NOT NULL DEFAULT '[]',
  limits             jsonb NOT NULL DEFAULT '{}',
  -- SBX-14: the Grant-scoped pseudonym key, SM4-wrapped under the master key; NULL once destroyed.
  key_enc            bytea,
  closing_at         timestamptz,
  destruction        jsonb,
  created_by         uuid,
  UNIQUE (holder_org_id, grant_id)
);

-- SBX-12: every job is logged; rows are never deleted (retention class sandbox_log).
CREATE TABLE sandbox_job (
  id                 uuid PRIMARY KEY,
  state              text NOT NULL,
  version            int NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  workspace_id       uuid NOT NULL REFERENCES sandbox_workspace(id),
  user_id            uuid,
  kind               text NOT NULL DEFAULT 'sql',
  mode               text NOT NULL DEFAULT 'interactive',
  sql_text           text NOT NULL,
  sql_sm3            text NOT NULL,
  view_versions      jsonb NOT NULL DEFAULT '[]',
  engine_version     text,
  reject_code        text,
  failures           jsonb,
  started_at         timestamptz,
  ended_at           timestamptz,
  duration_ms        int,
  rows_out           bigint,
  result_file        text,
  result_sm3         text,
  result_bytes       bigint,
  columns            jsonb
);
CREATE INDEX sandbox_job_ws ON sandbox_job (workspace_id, created_at DESC);

CREATE TABLE sandbox_egress_request (
  id                 uuid PRIMARY KEY,
  state              text NOT NULL,
  version            int NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  workspace_id       uuid NOT NULL REFERENCES sandbox_workspace(id),
  grant_id           uuid NOT NULL,
  grant_version      int NOT NULL DEFAULT 1,
  requester_user_id  uuid,
  requester_org_id   uuid NOT NULL,
  recipient_org_id   uuid NOT NULL,
  source_job_ids     jsonb NOT NULL DEFAULT '[]',
  output_kind        text NOT NULL,
  declared_use       text NOT NULL,
  justification      text NOT NULL,
  jurisdiction_id    uuid,
  jurisdiction_path  jsonb NOT NULL DEFAULT '[]',
  auto_checks        jsonb NOT NULL DEFAULT '[]',
  failures           jsonb,
  suppressed_rows    int,
  epsilon_spent      numeric,
  artifact           jsonb,
  reviews            jsonb NOT NULL DEFAULT '[]',
  release            jsonb,
  review_due_at      timestamptz
);
CREATE INDEX sandbox_egress_ws ON sandbox_egress_request (workspace_id, created_at DESC);

-- EGR-06: salted-hash sketches of released rows' subject sets; kept for the Grant's whole life.
CREATE TABLE sandbox_release_sketch (
  grant_id           uuid NOT NULL,
  dims_sig           text NOT NULL,
  row_key            text NOT NULL,
  sketch             bytea NOT NULL,
  egress_request_id  uuid NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sandbox_release_sketch_key ON sandbox_release_sketch (grant_id, dims_sig);

-- EGR-07: ε spent per Grant version, in millionths (exact integer arithmetic).
CREATE TABLE sandbox_dp_budget (
  grant_id           uuid NOT NULL,
  grant_version      int NOT NULL,
  total_micro        bigint NOT NULL,
  spent_micro        bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (grant_id, grant_version)
);

-- SVC-01: data-service templates (DataProduct.template).
CREATE TABLE sandbox_service (
  id                 uuid PRIMARY KEY,
  state              text NOT NULL,
  version            int NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  workspace_id       uuid NOT NULL REFERENCES sandbox_workspace(id),
  grant_id           uuid NOT NULL,
  operator_org_id    uuid NOT NULL,
  jurisdiction_id    uuid,
  jurisdiction_path  jsonb NOT NULL DEFAULT '[]',
  kind               text NOT NULL,
  name_zh            text NOT NULL,
  view_name          text NOT NULL,
  spec               jsonb NOT NULL,
  sm3                text NOT NULL,
  template_version   int NOT NULL DEFAULT 1,
  proposed_by        uuid,
  approved_by        uuid
);
