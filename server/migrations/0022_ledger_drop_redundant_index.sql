-- ledger_entry_object_idx (kernel, 0001) already serves the per-object lookups; the extra
-- index from 0020 only slowed every insert (bench ledger.append).
DROP INDEX IF EXISTS ledger_entry_obj_log_idx;
