/**
 * The catalog's face to other contexts (style.md §1: a context imports another's model.ts or
 * service.ts only). Authorization, the sandbox and the seeds read a resource for a grant through
 * this port; the use cases themselves live in usecases/.
 */
export {
  type GrantableField,
  getResourceForAuthorization,
  type ResourceForAuthorization,
} from './usecases/resources.js';
/** The upload pipeline's table check, conversion and DET-01 scan, for the sandbox's imports (SBX-11: scanned like any upload). */
export { assertTable, convertAndProfile, formatOf, type Profiled } from './usecases/upload.js';
