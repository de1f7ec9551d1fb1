import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { resourceLifecycle } from '../lifecycle.js';
import { resourceSubject } from './resources.js';
import { openChangeFiling } from './change-effects.js';
import { suspendGrantsOn } from './grant-effects.js';
import { GRADE_RANK, type ClassificationInput, type Grade } from '../model.js';
import type * as store from '../store.js';
import { type Tx } from '../../../kernel/db/tables.js';

/**
 * A field of a published resource was (re)classified. CLS-03: the resource keeps the highest
 * grade and any PI flag. CLS-08: a raised grade suspends the active Grants that carry the field
 * (until the authority re-approves them) and, on a registered resource, opens the `change`
 * registration filing (REG-03 lists grade as registered content).
 */
export async function afterPublishedClassification(
  trx: Tx,
  k: Kernel,
  actor: Actor,
  r: store.ResourceRow,
  f: store.FieldRow,
  c: ClassificationInput,
) {
  const up = GRADE_RANK[c.grade] > GRADE_RANK[(r.grade as Grade | null) ?? 'general'];
  if (up || (c.personalInfo && !r.personal_info) || (c.sensitivePersonalInfo && !r.sensitive_personal_info)) {
    await transition(trx, k.workflow, {
      lifecycle: resourceLifecycle,
      action: r.state === 'suspended' ? 'reclassify_suspended' : 'reclassify',
      actor,
      object: r,
      subject: resourceSubject(r),
      input: { fieldId: f.id, grade: c.grade, personalInfo: c.personalInfo, rule: 'CLS-03' },
      values: {
        grade: up ? c.grade : r.grade,
        personal_info: r.personal_info || c.personalInfo,
        sensitive_personal_info: r.sensitive_personal_info || c.sensitivePersonalInfo,
      },
    });
  }
  const raised =
    f.classification_status === 'confirmed' && GRADE_RANK[c.grade] > GRADE_RANK[(f.grade as Grade | null) ?? 'general'];
  if (!raised) return { suspendedGrantIds: [] as string[] };
  const suspendedGrantIds = await suspendGrantsOn(
    trx,
    k,
    r.id,
    { ruleId: 'CLS-08', reason: `数据项 ${f.name_zh} 级别调高为 ${c.grade}` },
    [f.id],
  );
  if (r.registration_status === 'registered') {
    await openChangeFiling(trx, k, r, 'CLS-08', {
      changeId: `grade:${f.id}:${c.grade}`,
      changed: ['grade'],
      field: f.code,
      from: f.grade,
      to: c.grade,
      suspendedGrantIds,
    });
  }
  return { suspendedGrantIds };
}
