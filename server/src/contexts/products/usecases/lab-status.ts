import type { Executor } from '../../../kernel/db/tables.js';
import { isLabActive } from '../../labs/service.js';

/**
 * PM-20 seam: whether an org (a lab's partner or initiator) has a Lab in state `active` on a day. The labs
 * context owns the answer (labs/service.ts isLabActive); products only asks through this one function type, so
 * the labs rules (certification, validity) can change without touching the order use case.
 */
export type LabStatusPort = (db: Executor, labOrgId: string, today: string) => Promise<boolean>;

export const labStatus: LabStatusPort = isLabActive;
