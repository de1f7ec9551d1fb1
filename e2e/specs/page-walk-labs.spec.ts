/**
 * The page walk, part 4: the data innovation labs' own roles (issue 18), the initiator and the partner (see
 * page-walk.spec.ts; the walk itself is e2e/lib/page-walk.ts). Two roles keep the file inside the runner's per-file
 * time limit.
 */
import { pageWalk } from '../lib/page-walk';

pageWalk('page walk in zh-CN (lab initiator, lab partner)', ['lab.initiator', 'lab.partner']);
