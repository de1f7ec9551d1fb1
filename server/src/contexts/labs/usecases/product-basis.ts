import { sql } from 'kysely';
import { ownTables, type Executor } from '../../../kernel/db/tables.js';
import * as store from '../store.js';
import type { LabsTables } from '../store.js';

/** What products may ask about lab Grants a product cites (labs.md LAB-13/LAB-28; products-market.md PM-01). */
export interface LabProductBasis {
  labId: string;
  labNo: string;
  /** The lab's state; only `active` (certified, in period) makes its filed agreement a product's basis. */
  labState: string;
  /** Whether the lab is active AND certified for `today`. */
  active: boolean;
  /** The filed agreement whose Grants the product cites. */
  agreementId: string;
  /** The cited Grants that belong to that filed agreement (the rest are not the lab's). */
  grantIds: string[];
}

/**
 * The lab whose filed LabAgreement opened the cited Grants, or null when none of them is a lab Grant. A product on
 * a lab Grant has no ScenarioApplication: the filed agreement (purpose `lab_rnd_and_product_landing`, LAB-08) is
 * its basis, and only while the lab is `active` (decision 0088).
 */
export async function labProductBasis(
  db: Executor,
  grantIds: string[],
  today: string,
): Promise<LabProductBasis | null> {
  if (!grantIds.length) return null;
  // The filed (or superseded: a supplementary agreement kept the Grants) agreement that opened any cited Grant.
  const a = await ownTables<LabsTables>(db)
    .selectFrom('lab_agreement')
    .selectAll()
    .where('state', 'in', ['filed', 'superseded'])
    .where(sql<boolean>`grant_ids ?| ${sql.val(grantIds)}::text[]`)
    .orderBy('agreement_version', 'desc')
    .executeTakeFirst();
  if (!a) return null;
  const lab = await store.getLab(db, a.lab_id);
  if (!lab) return null;
  const held = new Set((a.grant_ids as string[]) ?? []); // we wrote grant_ids ourselves: string[]
  const active =
    lab.state === 'active' &&
    !!lab.certified_at &&
    lab.certified_at <= today &&
    (!lab.valid_to || today <= lab.valid_to);
  return {
    labId: lab.id,
    labNo: lab.lab_no,
    labState: lab.state,
    active,
    agreementId: a.id,
    grantIds: grantIds.filter((g) => held.has(g)),
  };
}
