-- Settlement in one pass (issue 15, decision 0074): each UsageRecord carries the first 128 bits of the SM3 digest
-- of its canonical line (id|idempotencyKey|outcome|quantity) as two signed 64-bit integers, written with the
-- record by its meter. A bill line's digest is SM3 over the record count and the exact (numeric) sums of these
-- lanes, so a settlement run computes every contract's digest in the same GROUP BY that sums the quantities.
-- The record itself is never edited: rows written before this migration keep NULL lanes, and a run tallies
-- those few in the application (found through the partial index below, empty in normal operation).
ALTER TABLE usage_record
  ADD COLUMN digest_hi bigint,
  ADD COLUMN digest_lo bigint;

CREATE INDEX usage_record_unsealed ON usage_record (contract_id, shanghai_day) WHERE digest_hi IS NULL;
