-- Lab duties (labs.md LAB-14…LAB-18; issue 18, decision 0085).
-- Findings the duty clock records for the annual evaluation (LAB-14 products, LAB-15 trainings, LAB-16 policy,
-- LAB-17 reports): [{ruleId, period, expected, actual, recordedAt}], appended once per rule and period.
ALTER TABLE lab ADD COLUMN duty_findings jsonb NOT NULL DEFAULT '[]';

-- identity.md Training becomes a workflow object (recorded through transition, with its ledger entry): the lab's
-- data-security trainings (LAB-15) are recorded by the partner. Existing rows are `recorded`, version 1.
ALTER TABLE training ADD COLUMN state text NOT NULL DEFAULT 'recorded';
ALTER TABLE training ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE training ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE training ADD COLUMN created_by uuid;
CREATE INDEX training_lab_idx ON training (lab_id, held_on) WHERE lab_id IS NOT NULL;
