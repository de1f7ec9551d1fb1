-- products-market.md, part 1: the full DataProduct, its ComplianceReview (CR-1…CR-9), its
-- ProductRegistration (catalog's clocks, plus second_review for the ordinary procedure, PM-08) and Listing.

ALTER TABLE data_product
  ADD COLUMN fields_used          jsonb NOT NULL DEFAULT '[]',
  ADD COLUMN category_tags        jsonb NOT NULL DEFAULT '[]',
  ADD COLUMN source_unit_org_ids  jsonb NOT NULL DEFAULT '[]',
  ADD COLUMN lab_id               uuid,
  ADD COLUMN ip_owner_org_id      uuid,
  ADD COLUMN built_from_free_data boolean NOT NULL DEFAULT false,
  ADD COLUMN max_grade            text NOT NULL DEFAULT 'general',
  ADD COLUMN declaration          jsonb,
  ADD COLUMN valid_to             date,
  ADD COLUMN product_version      text NOT NULL DEFAULT '1.0.0',
  ADD COLUMN registration_code    text,
  ADD COLUMN description          text,
  ADD COLUMN created_by           uuid;

CREATE TABLE compliance_review (
  id                  uuid PRIMARY KEY,
  state               text NOT NULL,
  version             int NOT NULL DEFAULT 1,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  product_id          uuid NOT NULL REFERENCES data_product(id),
  product_version     text NOT NULL,
  items               jsonb NOT NULL DEFAULT '[]',
  evaluator_report_id text,
  decision            text,
  decided_by          uuid,
  decided_at          timestamptz,
  reason              text,
  valid_until         date
);
CREATE INDEX compliance_review_product ON compliance_review (product_id, created_at);

CREATE TABLE product_registration (
  id                  uuid PRIMARY KEY,
  state               text NOT NULL,
  version             int NOT NULL DEFAULT 1,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  product_id          uuid NOT NULL REFERENCES data_product(id),
  type                text NOT NULL,
  procedure           text NOT NULL,
  registry_level      text NOT NULL,
  registrant_org_id   uuid NOT NULL,
  registry_org_id     uuid,
  jurisdiction_id     uuid NOT NULL,
  registration_code   text UNIQUE,
  clocks              jsonb NOT NULL DEFAULT '{}',
  publicity_start     timestamptz,
  publicity_end       timestamptz,
  objection_ids       jsonb NOT NULL DEFAULT '[]',
  certificate_id      uuid,
  decision            jsonb,
  created_by          uuid
);
CREATE INDEX product_registration_product ON product_registration (product_id, created_at);

CREATE TABLE listing (
  id                  uuid PRIMARY KEY,
  state               text NOT NULL,
  version             int NOT NULL DEFAULT 1,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  product_id          uuid NOT NULL REFERENCES data_product(id),
  venue               text NOT NULL,
  exchange_org_id     uuid,
  exchange_listing_ref text,
  registration_id     uuid REFERENCES product_registration(id),
  price_filing_id     uuid,
  restricted_entries  jsonb NOT NULL DEFAULT '[]',
  approved_by         uuid,
  delist_reason       text,
  created_by          uuid
);
CREATE INDEX listing_product ON listing (product_id, state);
