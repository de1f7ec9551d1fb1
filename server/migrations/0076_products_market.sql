-- products-market.md part 2 (PM-21…PM-27): the order's frozen price, the contract filed on the platform, the
-- Delivery scoped to its contract, and the Settlement of a period (bill lines and revenue shares as jsonb the
-- settlement run writes in one transition, so the ledger entry holds the whole split). Money is integer fen.

ALTER TABLE product_order
  ADD COLUMN price_filing_id uuid,
  ADD COLUMN unit_price_fen bigint NOT NULL DEFAULT 0,
  ADD COLUMN operator_org_id uuid,
  ADD COLUMN jurisdiction_id uuid;

ALTER TABLE contract
  ADD COLUMN unit text NOT NULL DEFAULT 'call',
  ADD COLUMN unit_price_fen bigint NOT NULL DEFAULT 0,
  ADD COLUMN free_basis text NOT NULL DEFAULT 'none',
  ADD COLUMN price_filing_id uuid,
  ADD COLUMN filed_with text,
  ADD COLUMN filed_at timestamptz,
  ADD COLUMN content text,
  ADD COLUMN customer_sub_account_no text,
  ADD COLUMN jurisdiction_id uuid;

CREATE TABLE delivery (
  id                 uuid PRIMARY KEY,
  state              text NOT NULL,
  version            int NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  contract_id        uuid NOT NULL REFERENCES contract(id),
  mode               text NOT NULL,
  api_key_id         uuid,
  egress_request_id  uuid,
  workspace_id       uuid,
  model_endpoint     text,
  quota              bigint NOT NULL,
  valid_from         date NOT NULL,
  valid_to           date NOT NULL
);
CREATE INDEX delivery_contract ON delivery (contract_id);

-- RevenueShare (PM-26, PM-27): the parties of one product's split, percentages summing to 100.00.
CREATE TABLE revenue_share (
  id                 uuid PRIMARY KEY,
  state              text NOT NULL,
  version            int NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  product_id         uuid NOT NULL REFERENCES data_product(id),
  parties            jsonb NOT NULL,
  effective_from     date NOT NULL
);
CREATE INDEX revenue_share_product ON revenue_share (product_id);

CREATE TABLE settlement (
  id                       uuid PRIMARY KEY,
  state                    text NOT NULL,
  version                  int NOT NULL DEFAULT 1,
  created_at               timestamptz NOT NULL DEFAULT now(),
  updated_at               timestamptz NOT NULL DEFAULT now(),
  contract_id              uuid NOT NULL REFERENCES contract(id),
  product_id               uuid NOT NULL,
  operator_org_id          uuid NOT NULL,
  buyer_org_id             uuid NOT NULL,
  period                   text NOT NULL,
  customer_sub_account_no  text NOT NULL,
  settlement_agent         text NOT NULL,
  total_fen                bigint NOT NULL,
  amount_received_fen      bigint NOT NULL DEFAULT 0,
  lines                    jsonb NOT NULL,
  shares                   jsonb NOT NULL DEFAULT '[]',
  share_org_ids            jsonb NOT NULL DEFAULT '[]',
  jurisdiction_id          uuid,
  UNIQUE (contract_id, period)
);
