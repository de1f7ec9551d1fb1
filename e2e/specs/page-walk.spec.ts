/**
 * The page walk (issue 14 "Done means"), part 1 of 3: the authority, the source unit and the operator. Parts 2 and 3
 * are page-walk-partners.spec.ts and page-walk-oversight.spec.ts (one file per few roles keeps each inside the
 * runner's per-file time limit as the desks grow). The walk itself is e2e/lib/page-walk.ts.
 */
import { pageWalk } from '../lib/page-walk';

pageWalk('page walk in zh-CN', ['authority.admin', 'source.admin', 'operator.admin']);
