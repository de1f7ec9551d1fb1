-- products-market.md, part 1: FeeCap (上限收费标准), PriceFiling (定价备案) and the operation agreement's
-- revenue cycles with their maximum permitted revenue (最高准许收入, NDRC-65). Money is integer fen.

CREATE TABLE revenue_cycle (
  id                          uuid PRIMARY KEY,
  state                       text NOT NULL,
  version                     int NOT NULL DEFAULT 1,
  created_at                  timestamptz NOT NULL DEFAULT now(),
  updated_at                  timestamptz NOT NULL DEFAULT now(),
  operation_agreement_id      uuid NOT NULL,
  operator_org_id             uuid NOT NULL,
  authority_org_id            uuid NOT NULL,
  jurisdiction_id             uuid NOT NULL,
  cycle_no                    int NOT NULL,
  start_date                  date NOT NULL,
  end_date                    date NOT NULL,
  mpr_fen                     bigint NOT NULL,
  approval_doc_no             text NOT NULL,
  deduction_from_prior_fen    bigint NOT NULL DEFAULT 0,
  actual_industry_revenue_fen bigint,
  excess_fen                  bigint,
  UNIQUE (operation_agreement_id, cycle_no)
);

CREATE TABLE fee_cap (
  id                      uuid PRIMARY KEY,
  state                   text NOT NULL,
  version                 int NOT NULL DEFAULT 1,
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now(),
  authority_org_id        uuid NOT NULL,
  operation_agreement_id  uuid NOT NULL,
  operator_org_id         uuid NOT NULL,
  jurisdiction_id         uuid NOT NULL,
  product_id              uuid REFERENCES data_product(id),
  product_class           text,
  charging_unit           text NOT NULL,
  unit_definition         text NOT NULL,
  cap_fen                 bigint NOT NULL,
  tax_inclusive           boolean NOT NULL,
  basis                   jsonb NOT NULL,
  is_trial                boolean NOT NULL,
  revenue_cycle_id        uuid REFERENCES revenue_cycle(id),
  written_report_ref      text,
  effective_from          date NOT NULL,
  effective_to            date NOT NULL,
  created_by              uuid,
  CHECK (product_id IS NOT NULL OR product_class IS NOT NULL)
);

CREATE TABLE price_filing (
  id                  uuid PRIMARY KEY,
  state               text NOT NULL,
  version             int NOT NULL DEFAULT 1,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  filing_no           text NOT NULL UNIQUE,
  product_id          uuid NOT NULL REFERENCES data_product(id),
  fee_cap_id          uuid REFERENCES fee_cap(id),
  operator_org_id     uuid NOT NULL,
  jurisdiction_id     uuid NOT NULL,
  charging_unit       text NOT NULL,
  unit_definition     text NOT NULL,
  price_fen           bigint NOT NULL,
  pricing_basis       text NOT NULL,
  scenario            text NOT NULL,
  scope_of_use        text NOT NULL,
  method              text NOT NULL,
  pricing_method      text NOT NULL,
  discounts           jsonb NOT NULL DEFAULT '[]',
  filed_at            timestamptz,
  effective_from      date NOT NULL,
  return_reason       text,
  created_by          uuid
);
CREATE INDEX price_filing_product ON price_filing (product_id, state);
