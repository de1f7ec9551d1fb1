/**
 * The page walk, part 4: the data innovation labs' own roles (issue 18) — the initiator, the partner and the
 * third-party evaluator (see page-walk.spec.ts; the walk itself is e2e/lib/page-walk.ts).
 */
import { pageWalk } from '../lib/page-walk';

pageWalk('page walk in zh-CN (lab initiator, lab partner, evaluator)', [
  'lab.initiator',
  'lab.partner',
  'evaluator.admin',
]);
