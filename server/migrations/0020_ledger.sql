-- Ledger capability (ledger.md): logs, the compact Merkle node store, checkpoints,
-- audit runs, a minimal incident table, and append-only guards on ledger tables.

-- One row per log; the hash is fixed for the life of the log (LED-04).
CREATE TABLE ledger_log (
  log_id      text PRIMARY KEY,
  hash        text NOT NULL CHECK (hash IN ('sm3', 'sha256')),
  tree_size   bigint NOT NULL DEFAULT 0,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- Every complete (perfect) subtree: (level, idx) covers leaves [idx·2^level, (idx+1)·2^level).
-- About 2n rows for n leaves; any proof needs O(log n) of them (docs/decisions/0010).
CREATE TABLE ledger_node (
  log_id  text NOT NULL,
  level   smallint NOT NULL,
  idx     bigint NOT NULL,
  hash    bytea NOT NULL,
  PRIMARY KEY (log_id, level, idx)
);

-- Signed checkpoints (C2SP signed note), LED-07/08.
CREATE TABLE ledger_checkpoint (
  id                 bigserial PRIMARY KEY,
  log_id             text NOT NULL,
  tree_size          bigint NOT NULL,
  root_hash          text NOT NULL,
  time_ms            bigint NOT NULL,
  note_text          text NOT NULL,
  key_name           text NOT NULL,
  key_id             text NOT NULL,
  alg                text NOT NULL,
  prev_tree_size     bigint,
  consistency_proof  jsonb NOT NULL DEFAULT '[]',
  state              text NOT NULL DEFAULT 'published',
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ledger_checkpoint_log_idx ON ledger_checkpoint (log_id, tree_size DESC, id DESC);

CREATE INDEX ledger_entry_obj_log_idx ON ledger_entry (log_id, object_type, object_id, object_version);

-- Tamper audit runs (LED-11).
CREATE TABLE ledger_audit_run (
  id           uuid PRIMARY KEY,
  started_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz,
  clean        boolean,
  mismatches   jsonb NOT NULL DEFAULT '[]'
);

-- Minimal Incident (supervision.md extends it): the tamper audit opens `tampering` ones.
CREATE TABLE incident (
  id          uuid PRIMARY KEY,
  type        text NOT NULL,
  details     jsonb NOT NULL DEFAULT '{}',
  state       text NOT NULL,
  version     integer NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Append-only guards (ledger.md "Bad input": UPDATE or DELETE on ledger tables is rejected).
-- The sequencer may set seq once and advance state; erasure (LED-19) may clear the payload.
CREATE FUNCTION ledger_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger table % is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE FUNCTION ledger_entry_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'ledger_entry is append-only' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.seq IS NOT NULL AND NEW.seq IS DISTINCT FROM OLD.seq THEN
    RAISE EXCEPTION 'ledger_entry.seq is fixed once assigned' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (NEW.event_id, NEW.log_id, NEW.object_type, NEW.object_id, NEW.object_version, NEW.header, NEW.header_salt,
      NEW.header_commitment, NEW.payload_commitment, NEW.prev_object_leaf_hash, NEW.leaf_data, NEW.leaf_hash,
      NEW.retention_class, NEW.schema_version, NEW.created_at)
     IS DISTINCT FROM
     (OLD.event_id, OLD.log_id, OLD.object_type, OLD.object_id, OLD.object_version, OLD.header, OLD.header_salt,
      OLD.header_commitment, OLD.payload_commitment, OLD.prev_object_leaf_hash, OLD.leaf_data, OLD.leaf_hash,
      OLD.retention_class, OLD.schema_version, OLD.created_at) THEN
    RAISE EXCEPTION 'ledger_entry is append-only' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (NEW.payload_enc, NEW.payload_key_enc, NEW.payload_salt) IS DISTINCT FROM (OLD.payload_enc, OLD.payload_key_enc, OLD.payload_salt)
     AND NOT (NEW.payload_state = 'erased' AND NEW.payload_enc IS NULL AND NEW.payload_key_enc IS NULL) THEN
    RAISE EXCEPTION 'ledger_entry payload may only be erased' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER ledger_entry_append_only BEFORE UPDATE OR DELETE ON ledger_entry FOR EACH ROW EXECUTE FUNCTION ledger_entry_guard();
CREATE TRIGGER event_append_only BEFORE UPDATE OR DELETE ON event FOR EACH ROW EXECUTE FUNCTION ledger_reject_change();
CREATE TRIGGER ledger_node_append_only BEFORE UPDATE OR DELETE ON ledger_node FOR EACH ROW EXECUTE FUNCTION ledger_reject_change();
CREATE TRIGGER ledger_checkpoint_append_only BEFORE UPDATE OR DELETE ON ledger_checkpoint FOR EACH ROW EXECUTE FUNCTION ledger_reject_change();
