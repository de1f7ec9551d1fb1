-- Rectification (整改) orders of supervision.md (ENF-01, ENF-02; issue 16).
CREATE TABLE supervision_rectification (
  id                uuid PRIMARY KEY,
  subject_org_id    uuid NOT NULL,
  measure           text NOT NULL CHECK (measure IN ('interview', 'rectification')),
  basis             jsonb NOT NULL,
  items             jsonb NOT NULL,
  deadline          text NOT NULL CHECK (deadline ~ '^\d{4}-\d{2}-\d{2}$'),
  suspension        jsonb,
  decision          text,
  ordered_by        uuid,
  orderer_org_id    uuid NOT NULL,
  jurisdiction_id   uuid NOT NULL,
  jurisdiction_path jsonb NOT NULL DEFAULT '[]',
  state             text NOT NULL,
  version           integer NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX supervision_rectification_subject_idx ON supervision_rectification (subject_org_id, state);
