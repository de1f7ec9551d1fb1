-- Catalog hardening (issue 12): tasks on working-day clocks, field suspension from the open
-- catalog, providing-unit consent and open-class evidence.

-- CatalogTask: work the catalog's clocks and rules open for an organization, each with a due date:
-- rectification (CAT-06), class review (SHR-05), cancellation follow-up (REG-04), change filing
-- (REG-03, CLS-08, OBJ-01) and T−1 reminders (catalog.md "Deadlines and clocks").
CREATE TABLE catalog_task (
  id                uuid PRIMARY KEY,
  kind              text NOT NULL CHECK (kind IN ('rectification', 'class_review', 'cancellation_followup', 'change_filing', 'reminder')),
  rule_id           text NOT NULL,
  assignee_org_id   uuid NOT NULL REFERENCES organization(id),
  jurisdiction_id   uuid NOT NULL REFERENCES jurisdiction(id),
  resource_id       uuid REFERENCES data_resource(id),
  subject_type      text,
  subject_id        uuid,
  -- One open task per cause: a clock that runs twice opens nothing new.
  dedupe_key        text NOT NULL,
  details           jsonb NOT NULL DEFAULT '{}',
  due_at            timestamptz,
  overdue           boolean NOT NULL DEFAULT false,
  done_by           uuid,
  state             text NOT NULL,
  version           integer NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX catalog_task_dedupe_idx ON catalog_task (dedupe_key);
CREATE INDEX catalog_task_assignee_idx ON catalog_task (assignee_org_id, state);

-- OPN-05: a field hidden from the open catalog while a rights objection is handled.
ALTER TABLE data_field ADD COLUMN open_suspended boolean NOT NULL DEFAULT false;

-- CAT-04: consent of a providing unit in another jurisdiction; OPN-02: evidence for leaving not_open;
-- SHR-05: when the share/open class was last reviewed.
ALTER TABLE data_resource ADD COLUMN providing_consent jsonb;
ALTER TABLE data_resource ADD COLUMN open_class_evidence jsonb;
ALTER TABLE data_resource ADD COLUMN class_reviewed_at timestamptz;
