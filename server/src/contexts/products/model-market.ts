import { z } from 'zod';
import { DELIVERY_MODES } from './model.js';

// products-market.md part 2: Order, Contract, Delivery, UsageRecord, RevenueShare, Settlement inputs and views.

export const USAGE_OUTCOMES = ['billable', 'free', 'rejected_quota', 'rejected_expired'] as const;
export const FISCAL_TREATMENTS = ['treasury_non_tax', 'public_institution_rules', 'commercial'] as const;
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const OrderInput = z.object({
  productId: z.uuid(),
  useCategory: z.enum(['public_governance_welfare', 'industry']),
  purpose: z.string().min(1).max(500),
  /** The scenario the buyer uses it for; defaults to the product's approved scenario (PM-01). */
  scenario: z.string().max(200).nullable().default(null),
  quantity: z.number().int().min(1).max(1_000_000_000),
  unit: z.string().min(1).max(20).default('call'),
  discount: z.string().max(100).nullable().default(null),
  /** PM-20: free use for the buyer's lab research (000:L63); refused unless the buyer has an active Lab. */
  labResearch: z.boolean().default(false),
});
export type OrderInput = z.infer<typeof OrderInput>;

export const ContractInput = z.object({
  orderId: z.uuid(),
  termFrom: day,
  termTo: day,
  deliveryMode: z.enum(DELIVERY_MODES),
  quotaPerDay: z.number().int().min(1).max(100_000_000),
  quotaPerMonth: z.number().int().min(1).max(1_000_000_000),
  content: z.string().min(1).max(20_000),
  customerSubAccountNo: z.string().min(1).max(60).nullable().default(null),
  /** Whether the buyer may pass the deliverables on; granting it would re-authorize granted data (PM-32). */
  onwardTransfer: z.boolean().default(false),
});
export type ContractInput = z.infer<typeof ContractInput>;

export const FileContractInput = z.object({ filedWith: z.enum(['platform', 'exchange']).default('platform') });

export const DeliveryInput = z.object({
  contractId: z.uuid(),
  mode: z.enum(DELIVERY_MODES),
  apiKeyId: z.uuid().nullable().default(null),
  egressRequestId: z.uuid().nullable().default(null),
  workspaceId: z.uuid().nullable().default(null),
  modelEndpoint: z.string().max(500).nullable().default(null),
});
export type DeliveryInput = z.infer<typeof DeliveryInput>;

export const UsageInput = z.object({
  deliveryId: z.uuid(),
  idempotencyKey: z.string().min(8).max(200),
  quantity: z.number().int().min(1).max(1_000_000).default(1),
  occurredAt: z.string().max(40),
  meter: z.enum(['gateway', 'sandbox', 'egress']).default('gateway'),
});
export type UsageInput = z.infer<typeof UsageInput>;

export const SharePartyInput = z.object({
  orgId: z.uuid(),
  role: z.string().min(1).max(40),
  inputType: z.enum(['data', 'platform', 'processing', 'capital', 'labour']),
  /** Percent with two decimals, e.g. 70.00. */
  contributionPct: z.number().min(0).max(100),
  fiscalTreatment: z.enum(FISCAL_TREATMENTS),
});
export const RevenueShareInput = z.object({
  productId: z.uuid(),
  parties: z.array(SharePartyInput).min(1).max(20),
  effectiveFrom: day,
});
export type RevenueShareInput = z.infer<typeof RevenueShareInput>;

export const SettlementRunInput = z.object({
  contractId: z.uuid(),
  period: z.string().regex(/^\d{4}-\d{2}$/),
  settlementAgent: z.string().min(1).max(200).default('中国银行股份有限公司珠海分行'),
});
/** A settlement run over the operator's contracts of a period (decision 0074); contractIds narrows it. */
export const SettlementBatchInput = z.object({
  period: z.string().regex(/^\d{4}-\d{2}$/),
  /** Only a system run names the operator; a user settles for its own org. */
  operatorOrgId: z.uuid().optional(),
  contractIds: z.array(z.uuid()).max(10_000).optional(),
  settlementAgent: z.string().min(1).max(200).optional(),
});
export type SettlementBatchInput = z.infer<typeof SettlementBatchInput>;
export const SettlementBatchView = z.object({
  period: z.string(),
  operatorOrgId: z.string(),
  billed: z.number().int(),
  totalFen: z.number().int(),
  items: z.array(z.object({ id: z.string(), contractId: z.string(), totalFen: z.number().int() })),
});
export const ConfirmInput = z.object({ receivedFen: z.number().int().min(0) });
/** A bank statement: CSV text (subAccountNo,amountFen[,reference]) or an Excel workbook as base64. */
export const StatementInput = z.object({
  csv: z.string().min(1).max(2_000_000).nullable().default(null),
  xlsxBase64: z.string().min(1).max(4_000_000).nullable().default(null),
});

export const OrderView = z.object({
  id: z.string(),
  state: z.string(),
  version: z.number().int(),
  productId: z.string(),
  buyerOrgId: z.string(),
  useCategory: z.string(),
  freeBasis: z.string(),
  purpose: z.string(),
  scenario: z.string(),
  quantity: z.number(),
  unit: z.string(),
  unitPriceFen: z.number().int(),
  priceFilingId: z.string().nullable(),
  createdAt: z.string(),
});
export type OrderView = z.infer<typeof OrderView>;

export const ContractView = z.object({
  id: z.string(),
  state: z.string(),
  version: z.number().int(),
  orderId: z.string(),
  productId: z.string(),
  buyerOrgId: z.string(),
  operatorOrgId: z.string(),
  deliveryMode: z.string(),
  termFrom: z.string(),
  termTo: z.string(),
  quotaPerDay: z.number().int(),
  quotaPerMonth: z.number().int(),
  unit: z.string(),
  unitPriceFen: z.number().int(),
  freeBasis: z.string(),
  filedWith: z.string().nullable(),
  filedAt: z.string().nullable(),
  sm3: z.string().nullable(),
  customerSubAccountNo: z.string().nullable(),
});
export type ContractView = z.infer<typeof ContractView>;

export const DeliveryView = z.object({
  id: z.string(),
  state: z.string(),
  version: z.number().int(),
  contractId: z.string(),
  mode: z.string(),
  apiKeyId: z.string().nullable(),
  egressRequestId: z.string().nullable(),
  workspaceId: z.string().nullable(),
  modelEndpoint: z.string().nullable(),
  quota: z.number(),
  validFrom: z.string(),
  validTo: z.string(),
});
export type DeliveryView = z.infer<typeof DeliveryView>;

export const UsageRecordView = z.object({
  id: z.string(),
  contractId: z.string().nullable(),
  deliveryId: z.string().nullable(),
  idempotencyKey: z.string(),
  quantity: z.number().int(),
  outcome: z.enum(USAGE_OUTCOMES),
  day: z.string(),
  duplicate: z.boolean(),
});
export type UsageRecordView = z.infer<typeof UsageRecordView>;

export const ShareView = z.object({
  orgId: z.string(),
  role: z.string(),
  amountFen: z.number().int(),
  treasuryNonTax: z.boolean(),
});
export const BillLineView = z.object({
  kind: z.enum(['usage', 'adjustment']),
  period: z.string(),
  unit: z.string(),
  billableQty: z.number().int(),
  freeQty: z.number().int(),
  rejectedQty: z.number().int(),
  unitPriceFen: z.number().int(),
  filingNo: z.string().nullable(),
  capFen: z.number().int().nullable(),
  amountFen: z.number().int(),
  /** SM3 digest of the records the line counts (id, key, outcome, quantity): anyone can recompute it. */
  recordsDigest: z.string(),
  /** How the digest was made (rules/bill.ts DigestScheme); absent on bills made before decision 0074: sm3-sorted. */
  digestScheme: z.enum(['sm3-sorted', 'sm3-lanes']).optional(),
  recordCount: z.number().int(),
  /** The audit-log checkpoint whose tree holds every record of the line (null until they are sequenced). */
  checkpoint: z.object({ log: z.string(), treeSize: z.number().int(), rootHash: z.string() }).nullable(),
  /** The run's arrival cut-off: the line counts only records with usage_record.arrival <= it (absent before 0091). */
  arrivalCutoff: z.number().int().optional(),
});
export type BillLine = z.infer<typeof BillLineView>;
export const SettlementView = z.object({
  id: z.string(),
  state: z.string(),
  version: z.number().int(),
  contractId: z.string(),
  productId: z.string(),
  operatorOrgId: z.string(),
  buyerOrgId: z.string(),
  period: z.string(),
  customerSubAccountNo: z.string(),
  settlementAgent: z.string(),
  totalFen: z.number().int(),
  amountReceivedFen: z.number().int(),
  lines: z.array(BillLineView),
  shares: z.array(ShareView),
  createdAt: z.string(),
});
export type SettlementView = z.infer<typeof SettlementView>;
export const SettlementVerifyView = z.object({
  settlementId: z.string(),
  ok: z.boolean(),
  lines: z.array(
    z.object({
      period: z.string(),
      billedFen: z.number().int(),
      recomputedFen: z.number().int(),
      digestMatches: z.boolean(),
      recordCount: z.number().int(),
    }),
  ),
  sharesSumToTotal: z.boolean(),
  /** Inclusion proofs of the records (audit log) against each line's checkpoint. */
  proofs: z.array(
    z.object({
      recordId: z.string(),
      seq: z.number().int(),
      treeSize: z.number().int(),
      leafHash: z.string(),
      hashes: z.array(z.string()),
    }),
  ),
});
export const RevenueShareView = z.object({
  id: z.string(),
  state: z.string(),
  productId: z.string(),
  parties: z.array(SharePartyInput),
  effectiveFrom: z.string(),
});
export const ReconcileView = z.object({
  matched: z.array(z.object({ settlementId: z.string(), receivedFen: z.number().int(), state: z.string() })),
  mismatches: z.array(z.object({ line: z.number().int(), subAccountNo: z.string(), reason: z.string() })),
});
