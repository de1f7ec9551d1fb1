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
