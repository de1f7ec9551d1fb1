import { sql } from 'kysely';
import type { Kernel } from '../../../kernel/kernel.js';
import { fail, pass, rule } from '../../../kernel/workflow/rules.js';
import { openTask, type TaskSpec } from './tasks.js';

/** How long one `updateFrequency` period lasts (CAT-06); irregular and static data are never late. */
const PERIOD: Record<string, { days?: number; months?: number } | null> = {
  realtime: { days: 1 },
  daily: { days: 1 },
  weekly: { days: 7 },
  monthly: { months: 1 },
  quarterly: { months: 3 },
  yearly: { months: 12 },
  irregular: null,
  static: null,
};

export function addPeriod(t: Date, p: { days?: number; months?: number }): Date {
  const d = new Date(t);
  if (p.months) d.setUTCMonth(d.getUTCMonth() + p.months);
  if (p.days) d.setUTCDate(d.getUTCDate() + p.days);
  return d;
}

const QUALITY_DIMENSIONS = [
  'accuracy',
  'consistency',
  'completeness',
  'conformity',
  'timeliness',
  'accessibility',
] as const;

export interface UpkeepFacts {
  updateFrequency: string;
  lastUpdate: Date | null;
  quality: Record<string, number> | null;
  now: Date;
}

// CAT-06: the source unit answers for updates and quality: no new DataSnapshot within one
// `updateFrequency` period after the last update, or a quality dimension below `quality.minScore`,
// is a defect that opens a rectification task (an upheld data_error objection: objections.ts).
export const CAT_06 = rule('CAT-06', (f: UpkeepFacts, profile) => {
  const p = PERIOD[f.updateFrequency];
  if (p && f.lastUpdate && addPeriod(f.lastUpdate, p) < f.now)
    return fail('UPDATE_MISSED', { updateFrequency: f.updateFrequency, lastUpdate: f.lastUpdate.toISOString() });
  const min = profile.get<number>('quality.minScore');
  const low = QUALITY_DIMENSIONS.filter((k) => typeof f.quality?.[k] === 'number' && f.quality[k]! < min);
  return low.length ? fail('QUALITY_DEFECT', { dimensions: low.join(', '), minScore: min }) : pass();
});

// SHR-05: conditional and not-shared classes are reviewed every `share.reviewMonths` (not-shared
// may become shareable after desensitization); a review is due from the last one (or publication).
export const SHR_05 = rule('SHR-05', (f: { shareClass: string; lastReview: Date; now: Date }, profile) =>
  f.shareClass !== 'unconditional' &&
  addPeriod(f.lastReview, { months: profile.get<number>('share.reviewMonths') }) <= f.now
    ? fail('CLASS_REVIEW_DUE', { shareClass: f.shareClass })
    : pass(),
);

/** A published resource as the upkeep clock reads it. */
interface UpkeepRow {
  id: string;
  source_unit_org_id: string;
  jurisdiction_id: string;
  jurisdiction_path: string[];
  update_frequency: string;
  /** The quality report we wrote (scores per dimension; its `assessedAt` names the assessment). */
  quality: Record<string, number> | null;
  share_class: string;
  class_reviewed_at: Date | null;
  created_at: Date;
  last_update: Date | null;
  published_at: Date | null;
}

/**
 * The catalog upkeep clock: rectification tasks (CAT-06) and class reviews (SHR-05) for published
 * resources, each opened once per cause (the last update or review it is about).
 */
export async function runCatalogClocks(k: Kernel): Promise<{ rectifications: number; reviews: number }> {
  const now = k.clock.now();
  const rows = (
    await sql<UpkeepRow>`SELECT r.id, r.source_unit_org_id, r.jurisdiction_id, j.path AS jurisdiction_path, r.update_frequency, r.quality, r.share_class,
      r.class_reviewed_at, r.created_at, greatest(r.last_updated_at, (SELECT max(s.uploaded_at) FROM data_snapshot s WHERE s.resource_id = r.id AND s.state = 'stored')) AS last_update,
      (SELECT min(e.occurred_at) FROM event e WHERE e.object_id = r.id::text AND e.to_state = 'published') AS published_at
    FROM data_resource r JOIN jurisdiction j ON j.id = r.jurisdiction_id WHERE r.state = 'published'`.execute(k.db)
  ).rows;
  let rectifications = 0,
    reviews = 0;
  for (const r of rows) {
    const base = {
      assigneeOrgId: r.source_unit_org_id,
      jurisdictionId: r.jurisdiction_id,
      jurisdictionPath: r.jurisdiction_path,
      resourceId: r.id,
      subjectType: 'DataResource',
      subjectId: r.id,
    };
    const lastUpdate = r.last_update ? new Date(r.last_update) : null;
    // Each defect on its own, so a late update never hides a quality defect.
    for (const upkeep of [
      CAT_06.check({ updateFrequency: r.update_frequency, lastUpdate, quality: null, now }, k.profile),
      CAT_06.check({ updateFrequency: 'static', lastUpdate, quality: r.quality, now }, k.profile),
    ]) {
      if (upkeep.ok) continue;
      const cause =
        upkeep.code === 'UPDATE_MISSED'
          ? `update:${lastUpdate!.toISOString()}`
          : `quality:${(r.quality as { assessedAt?: string } | null)?.assessedAt ?? ''}`;
      rectifications += await openOnce(k, {
        ...base,
        kind: 'rectification',
        ruleId: 'CAT-06',
        dedupeKey: `rectification:${r.id}:${cause}`,
        details: { cause: upkeep.code, ...upkeep.params },
        dueAt: k.calendar.dueAt(now, k.profile.get<number>('quality.rectificationDays')),
      });
    }
    const lastReview = new Date(r.class_reviewed_at ?? r.published_at ?? r.created_at);
    if (!SHR_05.check({ shareClass: r.share_class, lastReview, now }, k.profile).ok) {
      reviews += await openOnce(k, {
        ...base,
        kind: 'class_review',
        ruleId: 'SHR-05',
        dedupeKey: `class_review:${r.id}:${lastReview.toISOString()}`,
        details: { shareClass: r.share_class, lastReview: lastReview.toISOString() },
        dueAt: null,
      });
    }
  }
  return { rectifications, reviews };
}

/** 1 if the task was opened now, 0 if its cause already had one. */
async function openOnce(k: Kernel, t: TaskSpec): Promise<number> {
  return k.db.transaction().execute(async (trx) => ((await openTask(trx, k, t)) ? 1 : 0));
}
