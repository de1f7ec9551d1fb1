-- Decision 0061: a mandated deletion (SBX-14 Workspace purge) names the recorded decision that
-- ordered it; its approvals are the recorded decisions of the authority and the owner.
ALTER TABLE destruction_record ADD COLUMN mandate jsonb;
