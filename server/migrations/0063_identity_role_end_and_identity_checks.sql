-- PER-05: why and when an actor role ended (a revoked lab_partner is banned from re-entry for a while).
ALTER TABLE org_actor_role ADD COLUMN end_cause text;
ALTER TABLE org_actor_role ADD COLUMN ended_on date;
-- LGN-07: real-name checks of a user — a verified mobile number, and for signatories and security
-- officers a verified ID number.
ALTER TABLE app_user ADD COLUMN mobile_verified_at timestamptz;
ALTER TABLE app_user ADD COLUMN id_verified_at timestamptz;
-- Demo accounts are seeded as verified (identity.md: their personnel prerequisites are met).
UPDATE app_user SET mobile_verified_at = created_at, id_verified_at = created_at WHERE demo;
