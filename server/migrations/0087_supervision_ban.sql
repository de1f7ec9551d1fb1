-- Ban (禁入) of supervision.md (ENF-07; issue 16): checked by 统一社会信用代码 wherever an organization applies.
CREATE TABLE supervision_ban (
  id                 uuid PRIMARY KEY,
  subject_uscc       text NOT NULL,
  org_id             uuid,
  scope              text NOT NULL CHECK (scope IN ('lab_application', 'operator_selection', 'collaborator_admission')),
  reason             text NOT NULL,
  basis_decision_id  text NOT NULL,
  starts_on          text NOT NULL CHECK (starts_on ~ '^\d{4}-\d{2}-\d{2}$'),
  ends_on            text NOT NULL CHECK (ends_on ~ '^\d{4}-\d{2}-\d{2}$'),
  lift_reason        text,
  jurisdiction_id    uuid NOT NULL,
  jurisdiction_path  jsonb NOT NULL DEFAULT '[]',
  state              text NOT NULL,
  version            integer NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX supervision_ban_uscc_idx ON supervision_ban (subject_uscc, scope);
