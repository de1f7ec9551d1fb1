import type { Selectable } from 'kysely';
import type {
  ComplianceReviewTable,
  DataProductTable,
  DB,
  DisclosureTable,
  FeeCapTable,
  ListingTable,
  PriceFilingTable,
  ProductRegistrationTable,
  RevenueCycleTable,
} from '../../../kernel/db/schema.js';
import type { KernelTables } from '../../../kernel/db/tables.js';

/** The tables the products context owns (part 2 adds settlement and revenue-share tables here). */
export type ProductsTables = Pick<
  DB,
  | 'data_product'
  | 'compliance_review'
  | 'product_registration'
  | 'listing'
  | 'fee_cap'
  | 'price_filing'
  | 'revenue_cycle'
  | 'disclosure'
  | 'product_order'
  | 'contract'
  | 'usage_record'
  | 'delivery'
  | 'revenue_share'
  | 'settlement'
> &
  KernelTables;

export type ProductRow = Selectable<DataProductTable>;
export type ReviewRow = Selectable<ComplianceReviewTable>;
export type RegistrationRow = Selectable<ProductRegistrationTable>;
export type ListingRow = Selectable<ListingTable>;
export type FeeCapRow = Selectable<FeeCapTable>;
export type PriceFilingRow = Selectable<PriceFilingTable>;
export type RevenueCycleRow = Selectable<RevenueCycleTable>;
export type DisclosureRow = Selectable<DisclosureTable>;
