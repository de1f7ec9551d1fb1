-- authorization.md AUTH-29 / sandbox.md EGR-13: the permission ("ChangeRequest of type
-- publication_permission") a Grant holder needs before an EgressRequest (or RightsRegistration)
-- may declare the use `patent_filing` or `exclusive_publication`. The authority and every
-- source unit of the Grant approve it; one refusal refuses it (decision 0062).
CREATE TABLE publication_permission (
  id                   uuid PRIMARY KEY,
  grant_id             uuid NOT NULL REFERENCES data_grant(id),
  holder_org_id        uuid NOT NULL REFERENCES organization(id),
  jurisdiction_id      uuid NOT NULL REFERENCES jurisdiction(id),
  declared_use         text NOT NULL CHECK (declared_use IN ('patent_filing', 'exclusive_publication')),
  purpose              text NOT NULL,
  source_unit_org_ids  uuid[] NOT NULL,
  decisions            jsonb NOT NULL DEFAULT '[]',
  state                text NOT NULL,
  version              integer NOT NULL,
  created_by           uuid,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX publication_permission_grant_idx ON publication_permission (grant_id, declared_use, state);
