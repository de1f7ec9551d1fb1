-- Issue 16 part B (supervision.md CAL-05, REP-02, REP-04; decision 0079).
-- WorkCalendar: each import of the official holiday notice is a new version of its year; the newest `official`
-- version is the one every clock uses, older ones are `superseded` and stay readable with their file.
CREATE TABLE work_calendar (
  id              uuid PRIMARY KEY,
  year            integer NOT NULL,
  import_version  integer NOT NULL,
  source_doc_no   text NOT NULL,
  days            jsonb NOT NULL,
  file_text       text NOT NULL,
  file_sha256     text NOT NULL,
  imported_by     uuid,
  recomputed      jsonb NOT NULL DEFAULT '[]',
  state           text NOT NULL,
  version         integer NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (year, import_version)
);

-- REP-02: when and at which ledger checkpoint the draft was computed; REP-04: the reminders already sent
-- ([{offset, sentAt}], offset in working days before dueAt, -1 for the daily overdue reminder's last day).
ALTER TABLE supervision_report ADD COLUMN drafted_at timestamptz;
ALTER TABLE supervision_report ADD COLUMN checkpoint jsonb;
ALTER TABLE supervision_report ADD COLUMN reminders jsonb NOT NULL DEFAULT '[]';
-- AUTH-27: a report scheduled from an agreement's obligation names it, so the schedule is made once.
ALTER TABLE supervision_report ADD COLUMN obligation_ref text;
CREATE UNIQUE INDEX supervision_report_obligation_idx ON supervision_report (obligation_ref, period_from)
  WHERE obligation_ref IS NOT NULL;
