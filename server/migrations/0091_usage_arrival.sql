-- Issue 15 (PM-24/PM-27, decision 0074): the order UsageRecords arrive in. A settlement run reads a cut-off
-- (the highest arrival committed when it starts) and counts only records at or below it; each bill line keeps
-- its cut-off, so "verify this bill" recomputes the same records forever, late ones going to the next bill.
ALTER TABLE usage_record ADD COLUMN arrival bigserial;
CREATE INDEX usage_record_contract_arrival ON usage_record (contract_id, arrival);
