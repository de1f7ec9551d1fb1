-- Sandbox egress, second half (issue 19): artifact egress (EGR-08), resubmissions (EGR-11) and the
-- source units' release notices (EGR-12).

-- EGR-11: a resubmission is a new request that references the old (denied, returned, withdrawn, expired) one.
ALTER TABLE sandbox_egress_request ADD COLUMN resubmission_of uuid REFERENCES sandbox_egress_request(id);
-- EGR-12: the resources (and their fields) the output was computed from, each with its source unit:
-- [{resourceId, nameZh, sourceUnitOrgId, fields[]}]; fixed when the request is filed.
ALTER TABLE sandbox_egress_request ADD COLUMN contributions jsonb NOT NULL DEFAULT '[]';

-- EGR-12: one notice per release and source unit whose fields contributed, written with the release
-- (first download) in its transaction. The source unit reads "what left with my data" from here only.
CREATE TABLE sandbox_release_notice (
  id                  uuid PRIMARY KEY,
  created_at          timestamptz NOT NULL DEFAULT now(),
  egress_request_id   uuid NOT NULL REFERENCES sandbox_egress_request(id),
  source_unit_org_id  uuid NOT NULL,
  -- [{resourceId, nameZh, fields[]}]: this unit's resources only.
  resources           jsonb NOT NULL,
  output_kind         text NOT NULL,
  declared_use        text NOT NULL,
  requester_org_id    uuid NOT NULL,
  recipient_org_id    uuid NOT NULL,
  fingerprint_sm3     text NOT NULL,
  watermark_code      text NOT NULL,
  artifact_format     text,
  artifact_rows       int,
  released_at         timestamptz NOT NULL,
  read_at             timestamptz,
  UNIQUE (egress_request_id, source_unit_org_id)
);
CREATE INDEX sandbox_release_notice_unit ON sandbox_release_notice (source_unit_org_id, released_at DESC);
