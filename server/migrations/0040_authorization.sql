-- authorization.md: operation agreements (with selection), catalog entries, scenario
-- applications, demand items, source-unit consents, grants, emergency plans,
-- collaboration agreements and terminations. Civil dates are 'YYYY-MM-DD' text in
-- Asia/Shanghai (decision 0040): a validity period ends on its calendar date, and text
-- avoids driver time-zone conversion of SQL `date` values.

CREATE TABLE operation_agreement (
  id                     uuid PRIMARY KEY,
  agreement_no           text NOT NULL UNIQUE,
  profile_id             text NOT NULL,
  authority_org_id       uuid NOT NULL REFERENCES organization(id),
  jurisdiction_id        uuid NOT NULL REFERENCES jurisdiction(id),
  mode                   text NOT NULL CHECK (mode IN ('whole_scope', 'sector', 'scenario')),
  title                  text NOT NULL,
  selection              jsonb NOT NULL DEFAULT '{}',
  operator_org_id        uuid REFERENCES organization(id),
  valid_from             text CHECK (valid_from ~ '^\d{4}-\d{2}-\d{2}$'),
  valid_to               text CHECK (valid_to ~ '^\d{4}-\d{2}-\d{2}$'),
  predecessor_id         uuid REFERENCES operation_agreement(id),
  collaborator_rules     text,
  derived_rights_clause  text NOT NULL,
  obligations            jsonb NOT NULL DEFAULT '[]',
  documents              jsonb NOT NULL DEFAULT '[]',
  suspension             jsonb,
  termination_id         uuid,
  state                  text NOT NULL,
  version                integer NOT NULL,
  created_by             uuid,
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX operation_agreement_operator_idx ON operation_agreement (operator_org_id);

-- One registered resource (and the fields offered from it) in an agreement's catalog (AUTH-07, AUTH-08).
CREATE TABLE agreement_catalog_entry (
  id                   uuid PRIMARY KEY,
  agreement_id         uuid NOT NULL REFERENCES operation_agreement(id),
  resource_id          uuid NOT NULL,
  resource_name_zh     text NOT NULL,
  registration_code    text,
  source_unit_org_id   uuid NOT NULL REFERENCES organization(id),
  field_codes          jsonb NOT NULL,
  open_mode            text NOT NULL DEFAULT 'authorized_operation',
  usage_scope          text,
  security_requirements text,
  update_frequency     text,
  consent              jsonb,
  state                text NOT NULL,
  version              integer NOT NULL,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  UNIQUE (agreement_id, resource_id)
);

CREATE TABLE scenario_application (
  id                     uuid PRIMARY KEY,
  application_no         text NOT NULL UNIQUE,
  agreement_id           uuid NOT NULL REFERENCES operation_agreement(id),
  applicant_org_id       uuid NOT NULL REFERENCES organization(id),
  jurisdiction_id        uuid NOT NULL REFERENCES jurisdiction(id),
  scenario               jsonb NOT NULL,
  service_objects        jsonb NOT NULL,
  service_scope          jsonb NOT NULL,
  service_period         jsonb NOT NULL,
  expected_outcome       jsonb NOT NULL,
  development_methods    jsonb NOT NULL,
  usage_time_limit       text NOT NULL CHECK (usage_time_limit ~ '^\d{4}-\d{2}-\d{2}$'),
  purpose_category       text NOT NULL,
  risk_assessment        jsonb NOT NULL DEFAULT '{}',
  proposed_egress        jsonb NOT NULL,
  planned_collaborators  jsonb NOT NULL DEFAULT '[]',
  source_unit_org_ids    uuid[] NOT NULL DEFAULT '{}',
  reviews                jsonb NOT NULL DEFAULT '[]',
  first_approval         jsonb,
  -- working-day clocks (authorization.md "Deadlines and clocks")
  submitted_at           timestamptz,
  review_due_at          timestamptz,
  consent_due_at         timestamptz,
  review_days_used       integer NOT NULL DEFAULT 0,
  escalations            jsonb NOT NULL DEFAULT '[]',
  grant_id               uuid,
  decided_at             timestamptz,
  state                  text NOT NULL,
  version                integer NOT NULL,
  created_by             uuid,
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX scenario_application_agreement_idx ON scenario_application (agreement_id);

-- DemandItem: one field with its justification (AUTH-09) and per-item consent and decision.
CREATE TABLE demand_item (
  id                   uuid PRIMARY KEY,
  application_id       uuid NOT NULL REFERENCES scenario_application(id),
  seq                  integer NOT NULL,
  resource_id          uuid NOT NULL,
  resource_name_zh     text NOT NULL,
  source_unit_org_id   uuid NOT NULL,
  field_id             uuid,
  field_code           text NOT NULL,
  field_name_zh        text NOT NULL,
  data_type            text NOT NULL,
  grade_snapshot       text,
  personal             boolean NOT NULL DEFAULT false,
  sensitive_personal   boolean NOT NULL DEFAULT false,
  direct_identifier    boolean NOT NULL DEFAULT false,
  justification        text NOT NULL,
  requested_masking    jsonb NOT NULL,
  requested_visibility text NOT NULL,
  legal_basis          jsonb,
  consent              text NOT NULL DEFAULT 'pending' CHECK (consent IN ('pending', 'consent', 'refuse')),
  consent_conditions   text,
  consent_reason       text,
  consent_by           uuid,
  consent_at           timestamptz,
  decision             text CHECK (decision IN ('accepted', 'accepted_with_conditions', 'rejected')),
  decision_reason      text,
  UNIQUE (application_id, resource_id, field_code)
);

-- One consent request per (application, source unit); its decision covers that unit's items (AUTH-12).
CREATE TABLE source_consent (
  id                   uuid PRIMARY KEY,
  application_id       uuid NOT NULL REFERENCES scenario_application(id),
  source_unit_org_id   uuid NOT NULL REFERENCES organization(id),
  jurisdiction_id      uuid NOT NULL,
  due_at               timestamptz,
  decided_by           uuid,
  decided_at           timestamptz,
  state                text NOT NULL,
  version              integer NOT NULL,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  UNIQUE (application_id, source_unit_org_id)
);

-- The approved access ("grant" is an SQL keyword, hence data_grant).
CREATE TABLE data_grant (
  id                      uuid PRIMARY KEY,
  grant_no                text NOT NULL,
  grant_version           integer NOT NULL DEFAULT 1,
  basis                   text NOT NULL CHECK (basis IN ('scenario_application', 'lab_agreement', 'share_request', 'open_request')),
  scenario_application_id uuid REFERENCES scenario_application(id),
  agreement_id            uuid REFERENCES operation_agreement(id),
  holder_org_id           uuid NOT NULL REFERENCES organization(id),
  jurisdiction_id         uuid NOT NULL REFERENCES jurisdiction(id),
  source_unit_org_ids     uuid[] NOT NULL DEFAULT '{}',
  purpose                 jsonb NOT NULL,
  fields                  jsonb NOT NULL,
  row_filters             jsonb NOT NULL DEFAULT '[]',
  egress_policy           jsonb NOT NULL,
  data_services_allowed   boolean NOT NULL DEFAULT false,
  psi_allowed             boolean NOT NULL DEFAULT false,
  pseudonym_key_scope     text NOT NULL DEFAULT 'grant',
  reviewers_required      integer NOT NULL DEFAULT 1,
  valid_from              text NOT NULL CHECK (valid_from ~ '^\d{4}-\d{2}-\d{2}$'),
  valid_to                text NOT NULL CHECK (valid_to ~ '^\d{4}-\d{2}-\d{2}$'),
  plan_due_at             timestamptz,
  emergency_plan_id       uuid,
  suspension              jsonb,
  state                   text NOT NULL,
  version                 integer NOT NULL,
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now(),
  UNIQUE (grant_no, grant_version)
);
CREATE INDEX data_grant_holder_idx ON data_grant (holder_org_id);
-- AUTH-17: one scenario, one grant (per version).
CREATE UNIQUE INDEX data_grant_scenario_idx ON data_grant (scenario_application_id, grant_version) WHERE scenario_application_id IS NOT NULL;

CREATE TABLE emergency_plan (
  id                uuid PRIMARY KEY,
  grant_id          uuid NOT NULL REFERENCES data_grant(id),
  plan_version      integer NOT NULL DEFAULT 1,
  holder_org_id     uuid NOT NULL,
  jurisdiction_id   uuid NOT NULL,
  incident_types    jsonb NOT NULL,
  response_levels   text NOT NULL,
  procedures        text NOT NULL,
  roles             jsonb NOT NULL,
  reporting_chain   jsonb NOT NULL,
  filing            jsonb NOT NULL DEFAULT '{}',
  drills            jsonb NOT NULL DEFAULT '[]',
  next_drill_due    text,
  drill_overdue     boolean NOT NULL DEFAULT false,
  state             text NOT NULL,
  version           integer NOT NULL,
  created_by        uuid,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
-- AUTH-17: one live plan per grant.
CREATE UNIQUE INDEX emergency_plan_grant_idx ON emergency_plan (grant_id) WHERE state <> 'superseded';

CREATE TABLE collaboration_agreement (
  id                   uuid PRIMARY KEY,
  agreement_id         uuid NOT NULL REFERENCES operation_agreement(id),
  grant_id             uuid NOT NULL REFERENCES data_grant(id),
  operator_org_id      uuid NOT NULL REFERENCES organization(id),
  collaborator_org_id  uuid NOT NULL REFERENCES organization(id),
  jurisdiction_id      uuid NOT NULL,
  scenario_title       text NOT NULL,
  data_scope           jsonb NOT NULL,
  valid_from           text NOT NULL CHECK (valid_from ~ '^\d{4}-\d{2}-\d{2}$'),
  valid_to             text NOT NULL CHECK (valid_to ~ '^\d{4}-\d{2}-\d{2}$'),
  terms                jsonb NOT NULL,
  entry_filing         jsonb,
  exit_filing          jsonb,
  state                text NOT NULL,
  version              integer NOT NULL,
  created_by           uuid,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX collaboration_agreement_grant_idx ON collaboration_agreement (grant_id);
CREATE INDEX collaboration_agreement_collab_idx ON collaboration_agreement (collaborator_org_id);

-- Termination records are append-only and permanent (authorization.md "Never lost").
CREATE TABLE termination (
  id                          uuid PRIMARY KEY,
  target_type                 text NOT NULL,
  target_id                   uuid NOT NULL,
  reason_code                 text NOT NULL,
  facts                       text NOT NULL,
  evidence_file_ids           jsonb NOT NULL DEFAULT '[]',
  negotiation_record_file_id  text,
  initiated_by                uuid,
  decided_by                  uuid,
  decided_at                  timestamptz NOT NULL,
  effective_at                timestamptz NOT NULL,
  cascade                     jsonb NOT NULL DEFAULT '{}'
);
