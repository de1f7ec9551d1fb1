import type { Tx } from '../../../kernel/db/tables.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import type { ContractRow } from '../store/market.js';
import * as products from '../store/products.js';

/**
 * The contract-follower port (rights-assets.md RA-08, first half; decision 0083). Some consequences of filing a
 * Contract belong to other contexts but must commit with the filing: an e-contract filed with the exchange registers
 * itself as a rights `license` registration. Products sits upstream of rights and cannot import it; rights registers
 * a follower here instead (as the sandbox follows Grants, decision 0062).
 */
export interface ContractFiled {
  contractId: string;
  /** The contract's number as printed on the contract (合同编号, contract-export.ts): its id. */
  contractNo: string;
  productId: string;
  productName: string;
  /** The product's jurisdiction: where the venue the contract was filed with serves. */
  jurisdictionId: string | null;
  sellerOrgId: string;
  buyerOrgId: string;
  filedWith: 'platform' | 'exchange';
  filedAt: Date;
  /** Who filed: the followers act as the filer, so their own permission checks apply. */
  actor: Actor;
  trx: Tx;
}
export type ContractFollower = (k: Kernel, filed: ContractFiled) => Promise<void>;

const followers = new Map<string, ContractFollower>();

/** Registers (or replaces) the follower `name`; it runs inside every Contract filing's transaction. */
export function followContracts(name: string, follower: ContractFollower): void {
  followers.set(name, follower);
}

/** Runs every follower in the filing's transaction; a follower that throws rolls the filing back with it. */
export async function contractFiled(k: Kernel, filed: ContractFiled): Promise<void> {
  for (const follow of followers.values()) await follow(k, filed);
}

/** The facts of a filing the followers receive, read in the filing's transaction (`c` is the row before filing). */
export async function filedFacts(
  k: Kernel,
  trx: Tx,
  c: ContractRow,
  filedWith: ContractFiled['filedWith'],
  actor: Actor,
): Promise<ContractFiled> {
  const p = await products.getProduct(trx, c.product_id);
  return {
    contractId: c.id,
    contractNo: c.id,
    productId: c.product_id,
    productName: p?.name_zh ?? c.product_id,
    jurisdictionId: c.jurisdiction_id,
    sellerOrgId: c.operator_org_id,
    buyerOrgId: c.buyer_org_id,
    filedWith,
    filedAt: k.clock.now(),
    actor,
    trx,
  };
}
