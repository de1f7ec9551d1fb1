-- LabChangeRequest (labs.md; issue 18; LAB-21): the track (approval | filing) is computed from the diff, never chosen.
CREATE TABLE lab_change_request (
  id                                uuid PRIMARY KEY,
  request_no                        text NOT NULL UNIQUE,
  lab_id                            uuid NOT NULL REFERENCES lab(id),
  kinds                             jsonb NOT NULL DEFAULT '[]',
  claimed_kind                      text,
  track                             text NOT NULL CHECK (track IN ('approval', 'filing')),
  diff                              jsonb NOT NULL,
  reason                            text NOT NULL,
  supplementary_agreement_file_id   text,
  new_partner_org_id                uuid,
  decision                          jsonb,
  grant_ids                         jsonb NOT NULL DEFAULT '[]',
  decided_at                        timestamptz,
  jurisdiction_id                   uuid NOT NULL,
  jurisdiction_path                 jsonb NOT NULL DEFAULT '[]',
  state                             text NOT NULL,
  version                           integer NOT NULL,
  created_by                        uuid,
  created_at                        timestamptz NOT NULL DEFAULT now(),
  updated_at                        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lab_change_request_lab_idx ON lab_change_request (lab_id, created_at);
