import { sql } from 'kysely';
import type { Executor } from '../../../kernel/db/tables.js';
import type { Obligation } from '../model.js';

/**
 * AUTH-27 read port: the obligations recorded at signing of every signed agreement that has not ended, for
 * supervision to turn into Report schedules (decision 0079). Suspended or termination-pending agreements still owe
 * their reports, so they are listed too.
 */
export interface SignedAgreementObligations {
  agreementId: string;
  agreementNo: string;
  operatorOrgId: string;
  authorityOrgId: string;
  jurisdictionId: string;
  jurisdictionPath: string[];
  validFrom: string;
  validTo: string | null;
  obligations: Obligation[];
}

const OWING_STATES = ['active', 'suspended', 'termination_pending', 'expiring'];

type Row = {
  id: string;
  agreement_no: string;
  operator_org_id: string;
  authority_org_id: string;
  jurisdiction_id: string;
  jurisdiction_path: string[];
  valid_from: string;
  valid_to: string | null;
  // jsonb we wrote at signing from obligationsFor (agreements.ts)
  obligations: Obligation[];
};

/** Signed agreements (optionally of one operator) with their obligations; the jurisdiction path is joined in SQL. */
export async function signedAgreementObligations(
  db: Executor,
  opts: { operatorOrgId?: string } = {},
): Promise<SignedAgreementObligations[]> {
  const byOperator = opts.operatorOrgId ? sql`AND a.operator_org_id = ${opts.operatorOrgId}` : sql``;
  const { rows } = await sql<Row>`SELECT a.id, a.agreement_no, a.operator_org_id, a.authority_org_id,
      a.jurisdiction_id, j.path AS jurisdiction_path, a.valid_from, a.valid_to, a.obligations
    FROM operation_agreement a JOIN jurisdiction j ON j.id = a.jurisdiction_id
    WHERE a.state IN (${sql.join(OWING_STATES)}) AND a.valid_from IS NOT NULL AND a.operator_org_id IS NOT NULL
    ${byOperator} ORDER BY a.valid_from, a.id`.execute(db);
  return rows.map((r) => ({
    agreementId: r.id,
    agreementNo: r.agreement_no,
    operatorOrgId: r.operator_org_id,
    authorityOrgId: r.authority_org_id,
    jurisdictionId: r.jurisdiction_id,
    jurisdictionPath: r.jurisdiction_path,
    validFrom: String(r.valid_from),
    validTo: r.valid_to === null ? null : String(r.valid_to),
    obligations: r.obligations ?? [],
  }));
}
