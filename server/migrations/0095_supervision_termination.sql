-- Termination of supervision.md (ENF-04…ENF-06; issue 16): proposed → decided → effective → wound_down, or withdrawn.
-- The OperationAgreement's own termination row and cascade stay authorization's (AUTH-23, AUTH-26); this row is the
-- supervisory case around it: the coded reason, the referral of liability and the wind-down evidence.
CREATE TABLE supervision_termination (
  id                          uuid PRIMARY KEY,
  target_type                 text NOT NULL CHECK (target_type IN ('OperationAgreement', 'Lab')),
  target_id                   uuid NOT NULL,
  subject_org_id              uuid,
  reason_code                 text NOT NULL,
  facts                       text NOT NULL DEFAULT '',
  evidence_file_ids           jsonb NOT NULL DEFAULT '[]',
  negotiation_record_file_id  text,
  basis                       jsonb NOT NULL DEFAULT '{}',
  liability_referral          jsonb,
  agreement_termination_id    uuid,
  cascade                     jsonb,
  decided_by                  uuid,
  decided_at                  timestamptz,
  effective_at                timestamptz,
  wound_down_at               timestamptz,
  jurisdiction_id             uuid NOT NULL,
  jurisdiction_path           jsonb NOT NULL DEFAULT '[]',
  state                       text NOT NULL,
  version                     integer NOT NULL,
  created_at                  timestamptz NOT NULL DEFAULT now(),
  updated_at                  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX supervision_termination_target_idx ON supervision_termination (target_type, target_id);
