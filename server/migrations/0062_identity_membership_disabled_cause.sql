-- identity.md Organization lifecycle (decision 0059): memberships disabled because their org was
-- deactivated are marked, so restoring a wrongly deactivated org re-enables exactly those.
ALTER TABLE membership ADD COLUMN disabled_cause text;
