-- products-market.md PM-30: yearly disclosure (信息披露) by the authority and by each operator, generated from
-- platform data, reviewed and published by disclosure.dueDate. A correction is a new row (report_version + 1);
-- earlier published versions stay public (append-only, NDA-2026).

CREATE TABLE disclosure (
  id                uuid PRIMARY KEY,
  state             text NOT NULL,
  version           int NOT NULL DEFAULT 1,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  subject_org_id    uuid NOT NULL,
  role              text NOT NULL,
  year              int NOT NULL,
  report_version    int NOT NULL DEFAULT 1,
  sections          jsonb NOT NULL,
  jurisdiction_id   uuid NOT NULL,
  due_at            timestamptz NOT NULL,
  published_at      timestamptz,
  reviewed_by       uuid,
  correction_of     uuid REFERENCES disclosure(id),
  correction_reason text,
  created_by        uuid,
  UNIQUE (subject_org_id, year, report_version)
);
