-- Issue 16 part B (supervision.md EVA-02, EVA-05…07, ENF-09 for evaluations; 投诉举报 seed 001; decision 0079).
-- An evaluation keeps the indicator set version it started with (EVA-07) and its per-indicator scores, automatic
-- ones with their query and ledger checkpoint; an upheld objection creates a new version that supersedes it.
ALTER TABLE supervision_evaluation ADD COLUMN scores jsonb NOT NULL DEFAULT '[]';
ALTER TABLE supervision_evaluation ADD COLUMN hard_fail_reasons jsonb NOT NULL DEFAULT '[]';
ALTER TABLE supervision_evaluation ADD COLUMN objection jsonb;
ALTER TABLE supervision_evaluation ADD COLUMN supersedes_id uuid;
ALTER TABLE supervision_evaluation ADD COLUMN lab_id text;

-- Complaint (投诉举报): filed by anyone through the public channel, a case for the authority of the jurisdiction.
CREATE TABLE supervision_complaint (
  id                uuid PRIMARY KEY,
  case_no           text NOT NULL UNIQUE,
  kind              text NOT NULL CHECK (kind IN ('complaint', 'report')),
  about             text NOT NULL,
  about_uscc        text,
  content           text NOT NULL,
  contact           text,
  anonymous         boolean NOT NULL DEFAULT false,
  filed_by_user_id  uuid,
  source_digest     text NOT NULL,
  jurisdiction_id   uuid NOT NULL,
  jurisdiction_path jsonb NOT NULL DEFAULT '[]',
  outcome           text,
  state             text NOT NULL,
  version           integer NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX supervision_complaint_state_idx ON supervision_complaint (state, created_at);
CREATE INDEX supervision_complaint_source_idx ON supervision_complaint (source_digest, created_at);
