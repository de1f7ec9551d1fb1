import type { Executor } from '../../../kernel/db/tables.js';

/**
 * The incident-history seam (supervision.md ENF-08, identity.md IAM-07, authorization.md AUTH-03). Incidents are
 * supervision's; identity sits below it, so supervision supplies them when it loads instead of identity reading
 * its tables. This replaces the `incidents_last_3_years` counter once kept on the organization.
 */
export interface OrgIncident {
  id: string;
  type: string;
  /** ISO date-time the incident was discovered: the N-year window counts from it. */
  discoveredAt: string;
}

export type IncidentHistorySource = (db: Executor, orgId: string, since: Date) => Promise<OrgIncident[]>;

const none: IncidentHistorySource = async () => [];
let source: IncidentHistorySource = none;

/** Supervision (or a test) supplies the history; `undefined` restores "none known". */
export function provideIncidentHistory(s: IncidentHistorySource | undefined): void {
  source = s ?? none;
}

/** The organization's Incidents discovered on or after `since`. */
export function incidentsOfOrgSince(db: Executor, orgId: string, since: Date): Promise<OrgIncident[]> {
  return source(db, orgId, since);
}

/** The start of the N-year window ending `today` (YYYY-MM-DD, Asia/Shanghai): the same date N years before. */
export function incidentWindowStart(today: string, years: number): Date {
  const from = `${Number(today.slice(0, 4)) - years}${today.slice(4)}`;
  return new Date(`${from}T00:00:00+08:00`);
}
