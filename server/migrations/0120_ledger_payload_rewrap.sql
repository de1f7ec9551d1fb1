-- Master-key rotation (issue 21, decision 0103) re-wraps each retained payload's data key under the new
-- master-key version. The append-only guard of 0020 allowed only erasure of the payload; it now also
-- allows a re-wrap: payload_key_enc replaced by another non-null value while the encrypted payload and
-- its salt stay byte for byte (the data key itself does not change, so the payload still opens and its
-- commitment still matches). Everything else is as in 0020.
CREATE OR REPLACE FUNCTION ledger_entry_guard() RETURNS trigger LANGUAGE plpgsql AS $$
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
     AND NOT (NEW.payload_state = 'erased' AND NEW.payload_enc IS NULL AND NEW.payload_key_enc IS NULL)
     AND NOT (NEW.payload_state = OLD.payload_state AND OLD.payload_key_enc IS NOT NULL AND NEW.payload_key_enc IS NOT NULL
              AND NEW.payload_enc IS NOT DISTINCT FROM OLD.payload_enc AND NEW.payload_salt = OLD.payload_salt) THEN
    RAISE EXCEPTION 'ledger_entry payload may only be erased or its key re-wrapped' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
