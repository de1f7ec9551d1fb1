import { loadProfile } from '../../kernel/profiles/index.js';
import { FeeLine, type RulebookView } from './model.js';
import { rulebookRouteOf } from './rules/rulebook.js';
import type { RulebookRow } from './store-rulebooks.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A rulebook version as the API shows it (RA-20); the fee lines are parsed, we wrote them through FeeLine. */
export function presentRulebook(r: RulebookRow): RulebookView {
  return {
    id: r.id,
    registryOrgId: r.registry_org_id,
    profile: r.profile,
    versionNo: r.version_no,
    title: r.title,
    summary: r.summary,
    rulesText: r.rules_text,
    feeLines: FeeLine.array().parse(r.fee_lines),
    changeRoute: rulebookRouteOf(loadProfile(r.profile)),
    authorityOrgId: r.authority_org_id,
    filedAt: iso(r.filed_at),
    decidedAt: iso(r.decided_at),
    decisionNote: r.decision_note,
    publishedAt: iso(r.published_at),
    state: r.state,
    version: r.version,
  };
}
