-- The minimal DataProduct / Order / Contract / UsageRecord records of products-market.md that data
-- services need (full lifecycle, pricing and settlement come later, in this same range).

CREATE TABLE data_product (
  id                 uuid PRIMARY KEY,
  state              text NOT NULL,
  version            int NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  code               text NOT NULL UNIQUE,
  name_zh            text NOT NULL,
  form               text NOT NULL,
  category           text NOT NULL,
  scenario_application_id text,
  grant_ids          jsonb NOT NULL DEFAULT '[]',
  producer_org_id    uuid NOT NULL,
  operator_org_id    uuid NOT NULL,
  service_id         uuid,
  personal_info      text NOT NULL DEFAULT 'none',
  delivery_modes     jsonb NOT NULL DEFAULT '[]',
  jurisdiction_id    uuid,
  jurisdiction_path  jsonb NOT NULL DEFAULT '[]'
);

CREATE TABLE product_order (
  id                 uuid PRIMARY KEY,
  state              text NOT NULL,
  version            int NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  buyer_org_id       uuid NOT NULL,
  product_id         uuid NOT NULL REFERENCES data_product(id),
  use_category       text NOT NULL,
  free_basis         text NOT NULL DEFAULT 'none',
  purpose            text NOT NULL,
  scenario           text NOT NULL,
  quantity           bigint NOT NULL,
  unit               text NOT NULL,
  estimated_amount   numeric(18,2)
);

CREATE TABLE contract (
  id                 uuid PRIMARY KEY,
  state              text NOT NULL,
  version            int NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  order_id           uuid NOT NULL REFERENCES product_order(id),
  product_id         uuid NOT NULL REFERENCES data_product(id),
  buyer_org_id       uuid NOT NULL,
  operator_org_id    uuid NOT NULL,
  purpose            text NOT NULL,
  scenario           text NOT NULL,
  delivery_mode      text NOT NULL,
  term_from          date NOT NULL,
  term_to            date NOT NULL,
  quota_per_day      int NOT NULL,
  quota_per_month    int NOT NULL,
  amount             numeric(18,2),
  onward_transfer    boolean NOT NULL DEFAULT false,
  sm3                text
);

-- UsageRecord (products-market.md) plus the gateway fields of sandbox.md; append-only (retention: trading).
CREATE TABLE usage_record (
  id                 uuid PRIMARY KEY,
  occurred_at        timestamptz NOT NULL DEFAULT now(),
  contract_id        uuid,
  order_id           uuid,
  delivery_id        uuid,
  unit               text NOT NULL DEFAULT 'call',
  quantity           int NOT NULL DEFAULT 1,
  meter              text NOT NULL,
  idempotency_key    text NOT NULL UNIQUE,
  outcome            text NOT NULL,
  buyer_org_id       uuid,
  api_key_id         uuid,
  template_id        uuid,
  template_version   int,
  input_hmac         text,
  subject_hmac       text,
  latency_ms         real,
  shanghai_day       date NOT NULL
);
CREATE INDEX usage_record_quota ON usage_record (contract_id, shanghai_day);
CREATE INDEX usage_record_subject ON usage_record (buyer_org_id, subject_hmac, shanghai_day);
