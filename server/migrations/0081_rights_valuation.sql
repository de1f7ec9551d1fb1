-- Valuation (评估) of a data asset (rights-assets.md RA-29, RA-31, RA-33; issue 17).
CREATE TABLE rights_valuation (
  id                   uuid PRIMARY KEY,
  evaluator_org_id     uuid NOT NULL,
  client_org_id        uuid NOT NULL,
  client_is_soe        boolean NOT NULL DEFAULT false,
  asset_name           text NOT NULL,
  stage                text NOT NULL CHECK (stage IN ('quality_evaluation', 'value_appraisal')),
  purpose              text NOT NULL,
  base_date            text NOT NULL CHECK (base_date ~ '^\d{4}-\d{2}-\d{2}$'),
  valid_until          text,
  methods              jsonb NOT NULL DEFAULT '[]',
  professionals        jsonb NOT NULL DEFAULT '[]',
  reconciliation_note  text,
  conclusion_fen       bigint,
  conclusion_low_fen   bigint,
  conclusion_high_fen  bigint,
  approval_filing      text,
  created_by           uuid,
  state                text NOT NULL,
  version              integer NOT NULL,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rights_valuation_client_idx ON rights_valuation (client_org_id);
