-- Catalog context (catalog.md): resources, fields, classifications, detections, snapshots,
-- catalog items, registrations and objections. Lifecycle tables carry id, state, version, updated_at.

CREATE TABLE data_resource (
  id                      uuid PRIMARY KEY,
  resource_code           text NOT NULL UNIQUE,
  name_zh                 text NOT NULL,
  summary                 text NOT NULL,
  keywords                text[] NOT NULL DEFAULT '{}',
  source_unit_org_id      uuid NOT NULL REFERENCES organization(id),
  jurisdiction_id         uuid NOT NULL REFERENCES jurisdiction(id),
  collecting_unit_org_id  uuid REFERENCES organization(id),
  providing_unit_org_id   uuid REFERENCES organization(id),
  domain                  text NOT NULL,
  data_type               text NOT NULL,
  open_mode               text,
  format                  text NOT NULL,
  update_frequency        text NOT NULL,
  last_updated_at         timestamptz,
  quality                 jsonb,
  volume                  jsonb,
  spatial_coverage        text[] NOT NULL DEFAULT '{}',
  temporal_coverage       jsonb,
  standard_identifiers    jsonb NOT NULL DEFAULT '[]',
  share_class             text NOT NULL,
  share_conditions        text,
  share_basis             text,
  open_class              text NOT NULL,
  open_conditions         text,
  open_basis              text,
  -- Resource-level classification (Classification with targetType resource), confirmed or null.
  grade                   text,
  category                text,
  personal_info           boolean NOT NULL DEFAULT false,
  sensitive_personal_info boolean NOT NULL DEFAULT false,
  classification          jsonb,
  registration_status     text NOT NULL DEFAULT 'unregistered',
  registration_code       text,
  catalog_types           text[] NOT NULL DEFAULT '{}',
  published_version       integer,
  search_vector           tsvector,
  created_by              uuid,
  last_edited_by          uuid,
  state                   text NOT NULL,
  version                 integer NOT NULL,
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX data_resource_search_idx ON data_resource USING gin (search_vector);
CREATE INDEX data_resource_source_idx ON data_resource (source_unit_org_id, state);
CREATE INDEX data_resource_jurisdiction_idx ON data_resource (jurisdiction_id, state);

-- Field (数据项). Classification columns hold the confirmed one; history is in classification.
CREATE TABLE data_field (
  id                         uuid PRIMARY KEY,
  resource_id                uuid NOT NULL REFERENCES data_resource(id),
  seq                        integer NOT NULL,
  code                       text NOT NULL,
  name_zh                    text NOT NULL,
  description                text,
  value_type                 text NOT NULL,
  code_table_ref             text,
  length                     integer,
  nullable                   boolean NOT NULL DEFAULT true,
  is_key                     boolean NOT NULL DEFAULT false,
  identifier_kind            text,
  authoritative_unit_org_id  uuid REFERENCES organization(id),
  data_element_ref           text,
  field_share_class          text,
  field_open_class           text,
  grade                      text,
  category                   text,
  personal_info              boolean NOT NULL DEFAULT false,
  sensitive_personal_info    boolean NOT NULL DEFAULT false,
  sensitive_category         text,
  direct_identifier          boolean NOT NULL DEFAULT false,
  classification_status      text NOT NULL DEFAULT 'unclassified',
  masked_examples            jsonb NOT NULL DEFAULT '[]',
  registered_version         integer,
  removed                    boolean NOT NULL DEFAULT false,
  created_at                 timestamptz NOT NULL DEFAULT now(),
  UNIQUE (resource_id, code)
);
CREATE INDEX data_field_resource_idx ON data_field (resource_id, seq);

-- Classification history (proposed → confirmed → superseded); never deleted.
CREATE TABLE classification (
  id                      uuid PRIMARY KEY,
  resource_id             uuid NOT NULL REFERENCES data_resource(id),
  target_type             text NOT NULL CHECK (target_type IN ('field', 'resource')),
  target_id               uuid NOT NULL,
  category                text NOT NULL,
  grade                   text NOT NULL CHECK (grade IN ('general', 'important', 'core')),
  personal_info           boolean NOT NULL,
  sensitive_personal_info boolean NOT NULL,
  sensitive_category      text,
  important_catalog_ref   text,
  aggregation_uplift      boolean NOT NULL DEFAULT false,
  uplift_reason           text,
  basis                   text,
  method                  text NOT NULL,
  decided_by              uuid,
  decided_at              timestamptz NOT NULL,
  state                   text NOT NULL,
  version                 integer NOT NULL,
  updated_at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX classification_target_idx ON classification (target_type, target_id, state);

-- DataSnapshot: the resource's data in the controlled store (never served raw).
CREATE TABLE data_snapshot (
  id                uuid PRIMARY KEY,
  resource_id       uuid NOT NULL REFERENCES data_resource(id),
  snapshot_version  integer NOT NULL,
  source_format     text NOT NULL,
  stored_as         text,
  sm3               text,
  rows              bigint,
  bytes             bigint,
  columns           jsonb NOT NULL DEFAULT '[]',
  uploaded_by       uuid,
  uploaded_at       timestamptz NOT NULL,
  failure           text,
  state             text NOT NULL,
  version           integer NOT NULL,
  updated_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (resource_id, snapshot_version)
);

-- Detection on a field (or an unmatched column) from a snapshot scan (DET-01..05).
CREATE TABLE detection (
  id                   uuid PRIMARY KEY,
  resource_id          uuid NOT NULL REFERENCES data_resource(id),
  field_id             uuid REFERENCES data_field(id),
  snapshot_id          uuid REFERENCES data_snapshot(id),
  column_name          text NOT NULL,
  detector             text NOT NULL,
  sample_size          integer NOT NULL,
  matches              integer NOT NULL,
  match_ratio          double precision NOT NULL,
  checksum_pass_ratio  double precision,
  header_keyword_hit   boolean NOT NULL,
  confidence           double precision NOT NULL,
  suggested            jsonb NOT NULL,
  masked_examples      jsonb NOT NULL DEFAULT '[]',
  reviewed_by          uuid,
  reviewed_at          timestamptz,
  reject_reason        text,
  state                text NOT NULL,
  version              integer NOT NULL,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX detection_resource_idx ON detection (resource_id, state);

-- CatalogItem: a resource version in one of the three catalogs of a jurisdiction (CAT-01).
CREATE TABLE catalog_item (
  id                uuid PRIMARY KEY,
  catalog_type      text NOT NULL CHECK (catalog_type IN ('shared', 'open', 'authorized_operation')),
  jurisdiction_id   uuid NOT NULL REFERENCES jurisdiction(id),
  resource_id       uuid NOT NULL REFERENCES data_resource(id),
  resource_version  integer NOT NULL,
  conditions        text,
  consent_ref       text,
  added_at          timestamptz NOT NULL,
  removed_at        timestamptz
);
CREATE UNIQUE INDEX catalog_item_active_idx ON catalog_item (catalog_type, resource_id) WHERE removed_at IS NULL;

-- ChangeRequest (CAT-03): consent of the source unit before an authorized entry changes.
CREATE TABLE change_request (
  id                  uuid PRIMARY KEY,
  type                text NOT NULL,
  target_resource_id  uuid NOT NULL REFERENCES data_resource(id),
  catalog_type        text NOT NULL,
  diff                jsonb NOT NULL DEFAULT '[]',
  reason              text,
  requested_by        uuid,
  requested_by_org_id uuid,
  consent_by          uuid,
  review_by           uuid,
  refusal_reason      text,
  state               text NOT NULL,
  version             integer NOT NULL,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);

-- ResourceRegistration (公共数据资源登记).
CREATE TABLE resource_registration (
  id                        uuid PRIMARY KEY,
  type                      text NOT NULL CHECK (type IN ('first', 'change', 'correction', 'cancellation')),
  resource_id               uuid NOT NULL REFERENCES data_resource(id),
  resource_version          integer NOT NULL,
  snapshot                  jsonb NOT NULL,
  registrant_org_id         uuid NOT NULL REFERENCES organization(id),
  registry_org_id           uuid REFERENCES organization(id),
  jurisdiction_id           uuid NOT NULL REFERENCES jurisdiction(id),
  previous_registration_id  uuid REFERENCES resource_registration(id),
  materials                 jsonb NOT NULL DEFAULT '[]',
  public_summary            jsonb NOT NULL,
  clocks                    jsonb NOT NULL DEFAULT '{}',
  registration_code         text,
  decision                  jsonb,
  deficiencies              jsonb,
  submitted_at              timestamptz,
  created_by                uuid,
  state                     text NOT NULL,
  version                   integer NOT NULL,
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX resource_registration_resource_idx ON resource_registration (resource_id, state);
CREATE INDEX resource_registration_state_idx ON resource_registration (state);
-- A code is unique and never reused (REG-05); change/correction keep the first's code.
CREATE UNIQUE INDEX resource_registration_code_idx ON resource_registration (registration_code) WHERE type = 'first' AND registration_code IS NOT NULL;

-- Registration code sequence per jurisdiction and year.
CREATE TABLE registration_code_seq (
  prefix  text PRIMARY KEY,
  last    integer NOT NULL
);

-- Objection (异议) about catalog data or a registration in publicity.
CREATE TABLE catalog_objection (
  id                uuid PRIMARY KEY,
  kind              text NOT NULL,
  filer             jsonb NOT NULL,
  resource_id       uuid NOT NULL REFERENCES data_resource(id),
  field_ids         uuid[] NOT NULL DEFAULT '{}',
  registration_id   uuid REFERENCES resource_registration(id),
  description       text NOT NULL,
  evidence          jsonb NOT NULL DEFAULT '[]',
  requested_action  text,
  assigned_unit_id  uuid,
  answer            jsonb,
  due_at            timestamptz,
  state             text NOT NULL,
  version           integer NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX catalog_objection_registration_idx ON catalog_objection (registration_id, state);

-- ShareRequest / OpenRequest (gov→gov sharing; open requests by verified parties).
CREATE TABLE data_request (
  id                 uuid PRIMARY KEY,
  kind               text NOT NULL CHECK (kind IN ('share', 'open')),
  requester_org_id   uuid NOT NULL REFERENCES organization(id),
  resource_id        uuid NOT NULL REFERENCES data_resource(id),
  field_ids          uuid[] NOT NULL DEFAULT '{}',
  body               jsonb NOT NULL,
  approver_model     text,
  clocks             jsonb NOT NULL DEFAULT '{}',
  decision           jsonb,
  overdue            boolean NOT NULL DEFAULT false,
  state              text NOT NULL,
  version            integer NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
