-- Lab evaluation and exit (labs.md LAB-20, LAB-22…LAB-26, LAB-30; issue 18, decision 0087).

-- LAB-22: the annual evaluation, commissioned by the authority with the initiator, scored by a third-party evaluator
-- against the indicator set of the guide the lab answered (snapshotted here), after the evaluator's conflict
-- declaration. LAB-25 misconduct makes it `fail`; LAB-26 `serious` is the authority's recorded decision.
CREATE TABLE lab_evaluation (
  id                      uuid PRIMARY KEY,
  evaluation_no           text NOT NULL UNIQUE,
  lab_id                  uuid NOT NULL REFERENCES lab(id),
  year                    integer NOT NULL,
  evaluator_org_id        uuid NOT NULL,
  indicators              jsonb NOT NULL,
  initiator_concurrence   jsonb,
  conflict_declaration    jsonb,
  scores                  jsonb NOT NULL DEFAULT '[]',
  misconduct              jsonb NOT NULL DEFAULT '[]',
  total                   integer,
  result                  text CHECK (result IN ('pass', 'fail')),
  serious                 jsonb,
  concluded_at            timestamptz,
  jurisdiction_id         uuid NOT NULL,
  jurisdiction_path       jsonb NOT NULL DEFAULT '[]',
  state                   text NOT NULL,
  version                 integer NOT NULL,
  created_by              uuid,
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now()
);
-- One live evaluation per lab and year; a commission the evaluator declined for a conflict does not count.
CREATE UNIQUE INDEX lab_evaluation_year_idx ON lab_evaluation (lab_id, year) WHERE state <> 'conflict_declared';
CREATE INDEX lab_evaluation_evaluator_idx ON lab_evaluation (evaluator_org_id, state);

-- LAB-23: the rectification ordered after a failed evaluation (a supervision Rectification, by id) and the
-- initiator's termination when it still fails; the ending decision (revocation, delisting, merge) with its basis,
-- bans and notices. Both are written only through the Lab's transitions.
ALTER TABLE lab ADD COLUMN rectification jsonb;
ALTER TABLE lab ADD COLUMN termination jsonb;
ALTER TABLE lab ADD COLUMN ending jsonb;
