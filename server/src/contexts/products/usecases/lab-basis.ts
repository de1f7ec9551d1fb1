import type { Executor } from '../../../kernel/db/tables.js';
import { labProductBasis } from '../../labs/service.js';
import type { LabBasis } from '../rules/product.js';

/**
 * PM-01 seam (labs.md LAB-13/LAB-28): the lab whose filed agreement opened the cited Grants, as the labs context
 * answers it (labs/usecases/product-basis.ts). Products only asks through this one function type.
 */
export type LabBasisPort = (db: Executor, grantIds: string[], today: string) => Promise<LabBasis | null>;

export const labBasis: LabBasisPort = labProductBasis;
