-- Rights registration, objections and certificates (rights-assets.md RA-01 … RA-24, issue 17).
-- Registry logs (RA-22) live in their own tables so the main ledger's audit (LED-11), which
-- rebuilds every ledger_log from ledger_entry, is not confused by them (decision 0070).

CREATE TABLE rights_registration (
  id                       uuid PRIMARY KEY,
  registration_no          text NOT NULL UNIQUE,
  profile                  text NOT NULL,
  reg_type                 text NOT NULL,
  right_type               text NOT NULL CHECK (right_type IN ('resource_holding', 'processing_use', 'product_operation', 'data_ip')),
  subject_kind             text NOT NULL,
  base_registration_id     uuid REFERENCES rights_registration(id),
  registry_org_id          uuid NOT NULL,
  registry_jurisdiction_id uuid,
  applicant_org_id         uuid NOT NULL,
  holder_org_id            uuid NOT NULL,
  counterparty_org_id      uuid,
  evaluator_org_id         uuid,
  procedure                text NOT NULL DEFAULT 'ordinary' CHECK (procedure IN ('ordinary', 'simple')),
  object_info              jsonb NOT NULL,
  license_info             jsonb,
  pledge_info              jsonb,
  equity_shares            jsonb NOT NULL DEFAULT '[]',
  evidence                 jsonb NOT NULL DEFAULT '[]',
  content_agreed           boolean NOT NULL DEFAULT false,
  exchange_trade_ref       text,
  contract_date            text CHECK (contract_date ~ '^\d{4}-\d{2}-\d{2}$'),
  filing_due_at            timestamptz,
  self_risk_undertaking    jsonb,
  review_report            jsonb,
  clocks                   jsonb NOT NULL DEFAULT '{}',
  decision                 jsonb,
  created_by               uuid,
  state                    text NOT NULL,
  version                  integer NOT NULL,
  created_at               timestamptz NOT NULL DEFAULT now(),
  updated_at               timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rights_registration_registry_idx ON rights_registration (registry_org_id, state);
CREATE INDEX rights_registration_holder_idx ON rights_registration (holder_org_id);
CREATE INDEX rights_registration_base_idx ON rights_registration (base_registration_id);

CREATE TABLE rights_objection (
  id                    uuid PRIMARY KEY,
  registration_id       uuid NOT NULL REFERENCES rights_registration(id),
  objector_org_id       uuid,
  objector_name         text NOT NULL,
  phase                 text NOT NULL CHECK (phase IN ('during_publicity', 'post_registration')),
  grounds               text NOT NULL,
  grounds_key           text NOT NULL,
  evidence              jsonb NOT NULL DEFAULT '[]',
  accepted_at           timestamptz,
  resolve_due_at        timestamptz,
  court_filing_ref      text,
  outcome               text,
  created_by            uuid,
  state                 text NOT NULL,
  version               integer NOT NULL,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rights_objection_registration_idx ON rights_objection (registration_id, state);

CREATE TABLE rights_certificate (
  id               uuid PRIMARY KEY,
  cert_no          text NOT NULL UNIQUE,
  registration_id  uuid NOT NULL REFERENCES rights_registration(id),
  -- The unit's first registration: a transfer, change or renewal supersedes within the unit (RA-18).
  unit_id          uuid NOT NULL REFERENCES rights_registration(id),
  registry_org_id  uuid NOT NULL,
  holder_org_id    uuid NOT NULL,
  kind             text NOT NULL,
  content          jsonb NOT NULL,
  content_digest   text NOT NULL,
  signature        text NOT NULL,
  key_id           text NOT NULL,
  log_id           text NOT NULL,
  log_index        bigint NOT NULL,
  valid_from       text NOT NULL,
  valid_to         text NOT NULL,
  superseded_by    uuid,
  state            text NOT NULL,
  version          integer NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rights_certificate_registration_idx ON rights_certificate (registration_id);
CREATE INDEX rights_certificate_unit_idx ON rights_certificate (unit_id, kind, created_at DESC);

-- Certificate and registration numbers: one counter per (scope, year).
CREATE TABLE rights_counter (
  scope  text NOT NULL,
  year   integer NOT NULL,
  next   integer NOT NULL,
  PRIMARY KEY (scope, year)
);

-- A registry's SM2 signing key (RA-22), its private half wrapped with the master key (SM4).
CREATE TABLE rights_registry_key (
  registry_org_id   uuid PRIMARY KEY,
  key_name          text NOT NULL,
  public_key_hex    text NOT NULL,
  private_key_enc   bytea NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now()
);

-- The registry's own Merkle log `registry-<org>` (RFC 9162, SM3), stored like the ledger (0010).
CREATE TABLE rights_log (
  log_id           text PRIMARY KEY,
  registry_org_id  uuid NOT NULL UNIQUE,
  hash             text NOT NULL CHECK (hash IN ('sm3', 'sha256')),
  tree_size        bigint NOT NULL DEFAULT 0,
  created_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE rights_log_node (
  log_id  text NOT NULL,
  level   smallint NOT NULL,
  idx     bigint NOT NULL,
  hash    bytea NOT NULL,
  PRIMARY KEY (log_id, level, idx)
);

CREATE TABLE rights_log_leaf (
  log_id          text NOT NULL,
  leaf_index      bigint NOT NULL,
  certificate_id  uuid NOT NULL REFERENCES rights_certificate(id),
  event           text NOT NULL,
  leaf            jsonb NOT NULL,
  leaf_hash       text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (log_id, leaf_index)
);
CREATE INDEX rights_log_leaf_cert_idx ON rights_log_leaf (certificate_id, leaf_index);

CREATE TABLE rights_log_checkpoint (
  id                 bigserial PRIMARY KEY,
  log_id             text NOT NULL,
  tree_size          bigint NOT NULL,
  root_hash          text NOT NULL,
  time_ms            bigint NOT NULL,
  note_text          text NOT NULL,
  prev_tree_size     bigint,
  consistency_proof  jsonb NOT NULL DEFAULT '[]',
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rights_log_checkpoint_log_idx ON rights_log_checkpoint (log_id, tree_size DESC, id DESC);

-- Never lost (rights-assets.md "Never lost"): leaves, nodes and checkpoints are append-only.
CREATE TRIGGER rights_log_leaf_append_only BEFORE UPDATE OR DELETE ON rights_log_leaf FOR EACH ROW EXECUTE FUNCTION ledger_reject_change();
CREATE TRIGGER rights_log_node_append_only BEFORE UPDATE OR DELETE ON rights_log_node FOR EACH ROW EXECUTE FUNCTION ledger_reject_change();
CREATE TRIGGER rights_log_checkpoint_append_only BEFORE UPDATE OR DELETE ON rights_log_checkpoint FOR EACH ROW EXECUTE FUNCTION ledger_reject_change();
