-- Supervision (supervision.md; issue 16): periodic Reports (REP), Incidents that stop processing (INC),
-- four-dimension Evaluations (EVA). The ledger's `incident` table stays the tamper audit's (LED-11).
CREATE TABLE supervision_report (
  id                uuid PRIMARY KEY,
  kind              text NOT NULL,
  subject_org_id    uuid NOT NULL,
  to_org_ids        jsonb NOT NULL DEFAULT '[]',
  jurisdiction_id   uuid NOT NULL,
  jurisdiction_path jsonb NOT NULL DEFAULT '[]',
  period_from       text NOT NULL CHECK (period_from ~ '^\d{4}-\d{2}-\d{2}$'),
  period_to         text NOT NULL CHECK (period_to ~ '^\d{4}-\d{2}-\d{2}$'),
  due_at            timestamptz NOT NULL,
  provisional       boolean NOT NULL DEFAULT false,
  draft             jsonb,
  corrections       jsonb NOT NULL DEFAULT '[]',
  signed_by         uuid,
  seal_ref          text,
  submitted_at      timestamptz,
  late              boolean NOT NULL DEFAULT false,
  review_comments   text,
  escalated_at      timestamptz,
  state             text NOT NULL,
  version           integer NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX supervision_report_subject_idx ON supervision_report (subject_org_id);
CREATE INDEX supervision_report_due_idx ON supervision_report (state, due_at);

CREATE TABLE supervision_incident (
  id                    uuid PRIMARY KEY,
  incident_no           text NOT NULL UNIQUE,
  type                  text NOT NULL,
  severity              text NOT NULL,
  cii                   boolean NOT NULL,
  discovered_at         timestamptz NOT NULL,
  reported_at           timestamptz NOT NULL,
  reporter_org_id       uuid NOT NULL,
  jurisdiction_id       uuid NOT NULL,
  jurisdiction_path     jsonb NOT NULL DEFAULT '[]',
  affected              jsonb NOT NULL,
  description           text NOT NULL,
  processing_stopped_at timestamptz,
  notifications         jsonb NOT NULL DEFAULT '[]',
  root_cause            text,
  created_by            uuid,
  state                 text NOT NULL,
  version               integer NOT NULL,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX supervision_incident_reporter_idx ON supervision_incident (reporter_org_id, discovered_at);

CREATE TABLE supervision_evaluation (
  id                    uuid PRIMARY KEY,
  subject_kind          text NOT NULL,
  subject_org_id        uuid NOT NULL,
  agreement_id          uuid,
  period_from           text NOT NULL,
  period_to             text NOT NULL,
  indicator_set_version text NOT NULL,
  evaluator_org_id      uuid NOT NULL,
  jurisdiction_id       uuid NOT NULL,
  jurisdiction_path     jsonb NOT NULL DEFAULT '[]',
  dimension_scores      jsonb NOT NULL,
  total                 integer NOT NULL,
  result                text NOT NULL,
  actions               jsonb NOT NULL DEFAULT '[]',
  concluded_at          timestamptz,
  state                 text NOT NULL,
  version               integer NOT NULL,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX supervision_evaluation_subject_idx ON supervision_evaluation (subject_org_id, agreement_id);
