import type { Executor } from '../../kernel/db/tables.js';

/**
 * The identity context's port for "is this organization party to an open agreement?"
 * (identity.md Organization lifecycle: active/suspended → deactivated needs none). Identity sits
 * below the contexts that hold agreements, so they register a source here (authorization: its
 * operation and collaboration agreements) instead of identity reading their tables.
 */
export interface OpenAgreement {
  type: string;
  id: string;
  no: string;
  state: string;
}
export type OpenAgreementSource = (db: Executor, orgId: string) => Promise<OpenAgreement[]>;

const sources = new Map<string, OpenAgreementSource>();

export function defineOpenAgreementSource(context: string, source: OpenAgreementSource): void {
  sources.set(context, source);
}

/** Every open agreement orgId is party to, across the registered contexts. */
export async function openAgreementsOf(db: Executor, orgId: string): Promise<OpenAgreement[]> {
  const lists = await Promise.all([...sources.values()].map((s) => s(db, orgId)));
  return lists.flat();
}

export function openAgreementSourceCount(): number {
  return sources.size;
}

/** An OperationAgreement in force (active, expiring or suspended) whose operator is the org (IAM-05). */
export interface AgreementInForce {
  id: string;
  no: string;
  jurisdictionId: string;
  validTo: string | null;
  state: string;
}
export type AgreementsInForceSource = (db: Executor, operatorOrgId: string) => Promise<AgreementInForce[]>;

let inForce: AgreementsInForceSource = async () => [];

export function defineAgreementsInForceSource(source: AgreementsInForceSource): void {
  inForce = source;
}

/** The operation agreements in force that name operatorOrgId as operator; none until authorization registers. */
export function agreementsInForceOf(db: Executor, operatorOrgId: string): Promise<AgreementInForce[]> {
  return inForce(db, operatorOrgId);
}
