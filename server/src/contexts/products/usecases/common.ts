import { shanghaiDate } from '../../../kernel/calendar/calendar.js';
import { notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { canRead, type Subject } from '../../../kernel/workflow/authorize.js';
import type { FeeCapRow, ListingRow, PriceFilingRow, ProductRow, RegistrationRow } from '../store/tables.js';

export const todayOf = (k: Kernel): string => shanghaiDate(k.clock.now());

/** A JSON array of strings this context wrote itself (grant ids, field names, tags). */
export const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/** The product as policy sees it: its producer owns it; the operator and IP owner are parties (style.md §4). */
export function productSubject(p: ProductRow): Subject {
  return {
    type: 'DataProduct',
    id: p.id,
    jurisdictionId: p.jurisdiction_id,
    jurisdictionPath: strings(p.jurisdiction_path),
    ownerOrgId: p.producer_org_id,
    partyOrgIds: [p.operator_org_id, ...(p.ip_owner_org_id ? [p.ip_owner_org_id] : [])],
    createdBy: p.created_by,
  };
}

/** Registrations, reviews and listings are seen and acted on as their product is. */
export const childSubject = (type: string, p: ProductRow, id?: string): Subject => ({
  ...productSubject(p),
  type,
  id,
});

export function capSubject(c: FeeCapRow, path: string[]): Subject {
  return {
    type: 'FeeCap',
    id: c.id,
    jurisdictionId: c.jurisdiction_id,
    jurisdictionPath: path,
    ownerOrgId: c.authority_org_id,
    partyOrgIds: [c.operator_org_id],
  };
}

export function filingSubject(
  f: Pick<PriceFilingRow, 'id' | 'jurisdiction_id' | 'operator_org_id'>,
  path: string[],
): Subject {
  return {
    type: 'PriceFiling',
    id: f.id,
    jurisdictionId: f.jurisdiction_id,
    jurisdictionPath: path,
    ownerOrgId: f.operator_org_id,
  };
}

/** 404 unless the actor may see the product at all (every answer about an unreadable object is 404). */
export function mustReadProduct(actor: Actor, p: ProductRow | undefined, id: string): ProductRow {
  if (!p || !canRead(actor, productSubject(p))) throw notFound('DataProduct', id);
  return p;
}

export type { ListingRow, RegistrationRow };
