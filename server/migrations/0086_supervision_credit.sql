-- CreditRecord (信用档案 entry) of supervision.md (CRD-01…CRD-04; issue 16). Nothing is deleted: a repaired,
-- expired or revoked record leaves public view and stays on file.
CREATE TABLE supervision_credit_record (
  id                 uuid PRIMARY KEY,
  subject_uscc       text NOT NULL,
  subject_org_id     uuid,
  kind               text NOT NULL CHECK (kind IN ('good_faith', 'bad_faith')),
  area               text NOT NULL CHECK (area IN ('production', 'trading', 'application', 'management', 'security')),
  facts              text NOT NULL,
  basis_decision_id  text,
  public_from        text,
  public_until       text,
  joint_punishment   boolean NOT NULL DEFAULT false,
  repair             jsonb,
  jurisdiction_id    uuid NOT NULL,
  jurisdiction_path  jsonb NOT NULL DEFAULT '[]',
  created_by         uuid,
  state              text NOT NULL,
  version            integer NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX supervision_credit_record_public_idx ON supervision_credit_record (state, public_from);
CREATE INDEX supervision_credit_record_uscc_idx ON supervision_credit_record (subject_uscc);
