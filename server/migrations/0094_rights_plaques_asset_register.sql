-- Rights part B (issue 17; decision 0077).

-- Lab plaques (labs.md: a Certificate of kind `lab_plaque`) are signed and logged like registration
-- certificates but have no RightsRegistration: they name their subject instead (`Lab:<id>`).
ALTER TABLE rights_certificate ALTER COLUMN registration_id DROP NOT NULL;
ALTER TABLE rights_certificate ALTER COLUMN unit_id DROP NOT NULL;
ALTER TABLE rights_certificate ADD COLUMN subject_ref text;
ALTER TABLE rights_certificate
  ADD CONSTRAINT rights_certificate_has_basis CHECK (registration_id IS NOT NULL OR subject_ref IS NOT NULL);
CREATE INDEX rights_certificate_subject_idx ON rights_certificate (subject_ref, created_at DESC);

-- The valuation history of an asset card (asset register).
ALTER TABLE rights_valuation ADD COLUMN data_asset_id uuid REFERENCES rights_data_asset(id);
CREATE INDEX rights_valuation_asset_idx ON rights_valuation (data_asset_id, base_date);

-- Asset card: book value (fen), authorization marks (RA-26), usage refresh (RA-27),
-- pledges and equity contributions (RA-28), the destruction record (RA-30).
ALTER TABLE rights_data_asset ADD COLUMN book_value_fen bigint NOT NULL DEFAULT 0;
ALTER TABLE rights_data_asset ADD COLUMN marks jsonb NOT NULL DEFAULT '[]';
ALTER TABLE rights_data_asset ADD COLUMN usage_synced_at timestamptz;
ALTER TABLE rights_data_asset ADD COLUMN encumbrances jsonb NOT NULL DEFAULT '[]';
ALTER TABLE rights_data_asset ADD COLUMN destruction jsonb;
