/**
 * The page walk, part 3 of 3: the regulator and the platform's administrators (see page-walk.spec.ts).
 */
import { pageWalk } from '../lib/page-walk';

pageWalk('page walk in zh-CN (regulator, platform)', ['regulator.viewer', 'platform.admin', 'platform.audit']);
