-- SupervisoryObjection of supervision.md (ENF-09; issue 16): filed → under_review → decided, answered within
-- supervision.objectionWorkingDays working days; filing never suspends the decision objected to.
CREATE TABLE supervision_objection (
  id                 uuid PRIMARY KEY,
  target_type        text NOT NULL CHECK (target_type IN
                       ('Rectification', 'Suspension', 'Termination', 'Ban', 'CreditRecord')),
  target_id          uuid NOT NULL,
  filed_by_org_id    uuid NOT NULL,
  filed_by           uuid,
  grounds            text NOT NULL,
  evidence_file_ids  jsonb NOT NULL DEFAULT '[]',
  filed_at           timestamptz NOT NULL,
  due_at             timestamptz NOT NULL,
  provisional        boolean NOT NULL DEFAULT false,
  decision           text CHECK (decision IN ('upheld', 'partly_upheld', 'dismissed')),
  decision_reason    text,
  suspend_target     boolean NOT NULL DEFAULT false,
  decided_by         uuid,
  decided_at         timestamptz,
  late               boolean NOT NULL DEFAULT false,
  external_remedy    jsonb,
  jurisdiction_id    uuid NOT NULL,
  jurisdiction_path  jsonb NOT NULL DEFAULT '[]',
  state              text NOT NULL,
  version            integer NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX supervision_objection_target_idx ON supervision_objection (target_type, target_id);
