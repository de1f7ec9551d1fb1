/**
 * The page walk, part 2 of 3: the operator's developer, the collaborator and the buyer (see page-walk.spec.ts).
 */
import { pageWalk } from '../lib/page-walk';

pageWalk('page walk in zh-CN (developer, collaborator, buyer)', ['operator.dev', 'collaborator.admin', 'buyer.admin']);
