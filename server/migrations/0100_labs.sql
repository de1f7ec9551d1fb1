-- Data innovation labs (labs.md; issue 18; decision 0081): the authority's application guide (申报指南) with its
-- indicator set, the LabApplication (申报), the Lab itself and its filed LabAgreement (共建协议).
CREATE TABLE lab_guide (
  id                 uuid PRIMARY KEY,
  guide_no           text NOT NULL UNIQUE,
  title              text NOT NULL,
  year               integer NOT NULL,
  window_from        text NOT NULL CHECK (window_from ~ '^\d{4}-\d{2}-\d{2}$'),
  window_to          text NOT NULL CHECK (window_to ~ '^\d{4}-\d{2}-\d{2}$'),
  domains            jsonb NOT NULL DEFAULT '[]',
  indicators         jsonb NOT NULL DEFAULT '[]',
  description        text NOT NULL DEFAULT '',
  authority_org_id   uuid NOT NULL,
  jurisdiction_id    uuid NOT NULL,
  jurisdiction_path  jsonb NOT NULL DEFAULT '[]',
  published_at       timestamptz,
  state              text NOT NULL,
  version            integer NOT NULL,
  created_by         uuid,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE lab_application (
  id                           uuid PRIMARY KEY,
  application_no               text NOT NULL UNIQUE,
  guide_id                     uuid NOT NULL REFERENCES lab_guide(id),
  initiator_org_id             uuid NOT NULL,
  partner_org_id               uuid NOT NULL,
  name                         text NOT NULL,
  domain                       text NOT NULL DEFAULT '',
  scenario_code                text NOT NULL,
  scenario_summary             text NOT NULL,
  research_direction           text NOT NULL,
  application_form             jsonb,
  construction_plan            jsonb,
  security_commitment_file_id  text,
  agreement_draft_file_id      text,
  seals                        jsonb NOT NULL DEFAULT '[]',
  director                     jsonb,
  security_officer_user_id     uuid,
  -- LAB-04: the most similar live labs and applications of the same initiator, computed at submission.
  similar_labs                 jsonb NOT NULL DEFAULT '[]',
  duplicate_note               jsonb,
  director_attested            boolean NOT NULL DEFAULT false,
  reviews                      jsonb NOT NULL DEFAULT '[]',
  shortlist_round              integer,
  lab_id                       uuid,
  submitted_at                 timestamptz,
  decided_at                   timestamptz,
  jurisdiction_id              uuid NOT NULL,
  jurisdiction_path            jsonb NOT NULL DEFAULT '[]',
  state                        text NOT NULL,
  version                      integer NOT NULL,
  created_by                   uuid,
  created_at                   timestamptz NOT NULL DEFAULT now(),
  updated_at                   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lab_application_initiator_idx ON lab_application (initiator_org_id, state);
CREATE INDEX lab_application_partner_idx ON lab_application (partner_org_id);

CREATE TABLE lab (
  id                        uuid PRIMARY KEY,
  lab_no                    text NOT NULL UNIQUE,
  application_id            uuid NOT NULL REFERENCES lab_application(id),
  name                      text NOT NULL,
  domain                    text NOT NULL DEFAULT '',
  initiator_org_id          uuid NOT NULL,
  partner_org_id            uuid NOT NULL,
  scenario_code             text NOT NULL,
  scenario_summary          text NOT NULL,
  research_direction        text NOT NULL,
  director                  jsonb NOT NULL,
  security_officer_user_id  uuid,
  platform_attestation      jsonb,
  supply_mode               text NOT NULL DEFAULT 'initiator_direct' CHECK (supply_mode IN ('initiator_direct', 'operator_market')),
  security_policy           jsonb,
  current_agreement_id      uuid,
  shortlisted_on            text NOT NULL CHECK (shortlisted_on ~ '^\d{4}-\d{2}-\d{2}$'),
  certified_at              text CHECK (certified_at ~ '^\d{4}-\d{2}-\d{2}$'),
  valid_to                  text CHECK (valid_to ~ '^\d{4}-\d{2}-\d{2}$'),
  plaque                    jsonb,
  successor_lab_id          uuid,
  jurisdiction_id           uuid NOT NULL,
  jurisdiction_path         jsonb NOT NULL DEFAULT '[]',
  state                     text NOT NULL,
  version                   integer NOT NULL,
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lab_initiator_idx ON lab (initiator_org_id, state);
CREATE INDEX lab_partner_idx ON lab (partner_org_id);

CREATE TABLE lab_agreement (
  id                     uuid PRIMARY KEY,
  agreement_no           text NOT NULL UNIQUE,
  lab_id                 uuid NOT NULL REFERENCES lab(id),
  agreement_version      integer NOT NULL DEFAULT 1,
  data_scope             jsonb NOT NULL DEFAULT '[]',
  -- LAB-08: the purpose is fixed by the measures (000:L31); nothing else can be stored.
  purpose                text NOT NULL CHECK (purpose = 'lab_rnd_and_product_landing'),
  use_from               text NOT NULL CHECK (use_from ~ '^\d{4}-\d{2}-\d{2}$'),
  use_to                 text NOT NULL CHECK (use_to ~ '^\d{4}-\d{2}-\d{2}$'),
  duties                 jsonb NOT NULL DEFAULT '{}',
  rights                 jsonb NOT NULL DEFAULT '{}',
  security_measures      jsonb NOT NULL DEFAULT '{}',
  initiator_product_use  text,
  seals                  jsonb NOT NULL DEFAULT '[]',
  signed_at              text CHECK (signed_at ~ '^\d{4}-\d{2}-\d{2}$'),
  filed_at               timestamptz,
  filing_no              text UNIQUE,
  supplements            jsonb NOT NULL DEFAULT '[]',
  grant_ids              jsonb NOT NULL DEFAULT '[]',
  jurisdiction_id        uuid NOT NULL,
  jurisdiction_path      jsonb NOT NULL DEFAULT '[]',
  state                  text NOT NULL,
  version                integer NOT NULL,
  created_by             uuid,
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lab_agreement_lab_idx ON lab_agreement (lab_id);
