-- CLS-06: important data enters the authorized catalog only with a security-risk assessment, an
-- important-data catalog entry and the authority security officer's approval besides the reviewer's.
ALTER TABLE change_request ADD COLUMN important_review jsonb;
ALTER TABLE change_request ADD COLUMN security_review jsonb;
