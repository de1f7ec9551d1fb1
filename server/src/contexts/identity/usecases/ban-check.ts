import type { Executor } from '../../../kernel/db/tables.js';
import { conflict } from '../../../kernel/http/errors.js';
import * as store from '../store.js';

/**
 * The ban seam (supervision.md ENF-07): Bans are supervision's and are checked by 统一社会信用代码 at operator
 * selection (identity IAM-07, authorization AUTH-03) and collaborator admission (identity's collaborator role,
 * authorization's CollaborationAgreement). Identity sits below supervision, so supervision supplies the check when
 * it loads, exactly like the incident history (docs/decisions/0078).
 */
export type BanCheckScope = 'operator_selection' | 'collaborator_admission';

export interface BlockingBan {
  id: string;
  /** The last day the Ban blocks (YYYY-MM-DD). */
  endsOn: string;
}

export type BanCheckSource = (
  db: Executor,
  uscc: string,
  scope: BanCheckScope,
  today: string,
) => Promise<BlockingBan | undefined>;

const none: BanCheckSource = async () => undefined;
let source: BanCheckSource = none;

/** Supervision (or a test) supplies the check; `undefined` restores "no bans known". */
export function provideBanCheck(s: BanCheckSource | undefined): void {
  source = s ?? none;
}

/**
 * ENF-07: refuses (409 BANNED, naming the ban's last day) when a Ban on the organization's credit code blocks
 * `scope` on `today`. A natural person has no credit code, so nothing can block it here.
 */
export async function assertNotBanned(db: Executor, orgId: string, scope: BanCheckScope, today: string) {
  const uscc = (await store.getOrg(db, orgId))?.uscc;
  const ban = uscc ? await source(db, uscc, scope, today) : undefined;
  if (ban) throw conflict('BANNED', { until: ban.endsOn, scope, banId: ban.id });
}
