import type { Executor } from '../../../kernel/db/tables.js';
import type { Profile } from '../../../kernel/profiles/index.js';
import { isLabActive, labGovernanceFreeUse } from '../../labs/service.js';

/**
 * PM-20 seam: whether an org (a lab's partner or initiator) has a Lab in state `active` on a day. The labs
 * context owns the answer (labs/service.ts isLabActive); products only asks through this one function type, so
 * the labs rules (certification, validity) can change without touching the order use case.
 */
export type LabStatusPort = (db: Executor, labOrgId: string, today: string) => Promise<boolean>;

export const labStatus: LabStatusPort = isLabActive;

/** LAB-29 seam: may an order of a lab product for public governance or welfare be free (labs decides; decision 0100). */
export type LabGovernancePort = (db: Executor, profile: Profile, labId: string) => Promise<boolean>;

export const labGovernanceFree: LabGovernancePort = labGovernanceFreeUse;
