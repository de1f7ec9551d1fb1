-- Kernel tables: events, the ledger queue, profile overrides, generated secrets.
-- Numbering: 0001-0009 kernel, 0010-0019 identity, 0020-0029 ledger, 0030-0039 catalog,
-- 0040-0049 authorization, 0050-0059 sandbox, 0060-0069 products/market.

-- Every state change and every audit record (architecture §4). One row per transition.
CREATE TABLE event (
  id              uuid PRIMARY KEY,
  log_id          text NOT NULL,
  object_type     text NOT NULL,
  object_id       text NOT NULL,
  object_version  integer NOT NULL,
  event_type      text NOT NULL,
  action          text NOT NULL,
  from_state      text,
  to_state        text,
  actor           jsonb NOT NULL,
  jurisdiction_id uuid,
  input_digest    text,
  rule_results    jsonb NOT NULL DEFAULT '[]',
  result          text NOT NULL DEFAULT 'success',
  reason_code     text,
  occurred_at     timestamptz NOT NULL,
  tx_id           text NOT NULL
);
CREATE INDEX event_object_idx ON event (object_type, object_id, object_version);
CREATE INDEX event_time_idx ON event (occurred_at);
CREATE INDEX event_type_idx ON event (event_type);

-- The ledger queue: one entry per event, written in the same transaction (LED-01).
-- The sequencer assigns seq; leaf_hash is fixed at write time because the leaf bytes
-- hold no sequence number (ledger.md LedgerEntry).
CREATE TABLE ledger_entry (
  event_id               uuid PRIMARY KEY REFERENCES event(id),
  log_id                 text NOT NULL,
  seq                    bigint,
  object_type            text NOT NULL,
  object_id              text NOT NULL,
  object_version         integer NOT NULL,
  header                 jsonb NOT NULL,
  header_salt            bytea NOT NULL,
  header_commitment      text NOT NULL,
  payload_enc            bytea,
  payload_key_enc        bytea,
  payload_salt           bytea NOT NULL,
  payload_commitment     text NOT NULL,
  payload_state          text NOT NULL DEFAULT 'retained',
  prev_object_leaf_hash  text,
  leaf_data              bytea NOT NULL,
  leaf_hash              text NOT NULL,
  retention_class        text NOT NULL,
  schema_version         integer NOT NULL DEFAULT 1,
  state                  text NOT NULL DEFAULT 'pending',
  created_at             timestamptz NOT NULL DEFAULT now(),
  UNIQUE (log_id, seq)
);
CREATE INDEX ledger_entry_pending_idx ON ledger_entry (log_id, created_at) WHERE seq IS NULL;
CREATE INDEX ledger_entry_object_idx ON ledger_entry (object_type, object_id, object_version);

-- Deployment overrides of profile parameters (architecture §5); every override is an event.
CREATE TABLE profile_override (
  id          uuid PRIMARY KEY,
  key         text NOT NULL,
  value       jsonb NOT NULL,
  scope       text NOT NULL DEFAULT 'deployment',
  set_by      jsonb NOT NULL,
  reason      text NOT NULL,
  state       text NOT NULL DEFAULT 'active',
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX profile_override_active_idx ON profile_override (scope, key) WHERE state = 'active';

-- Secrets generated on first start when none are configured (ledger signing key, master
-- data key, API-key pepper). Production deployments supply them from a KMS / env instead.
CREATE TABLE kernel_secret (
  name        text PRIMARY KEY,
  value       text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
