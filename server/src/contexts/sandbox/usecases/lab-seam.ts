import type { Kernel } from '../../../kernel/kernel.js';

/**
 * The labs seam of the sandbox (labs.md LAB-33, LAB-34; decision 0086). A Workspace on a Grant with basis
 * `lab_agreement` is used under the lab's own rules, which the labs context owns and supplies here (labs/service.ts
 * registers the check; the sandbox does not import labs). The check throws the refusal (422 with the rule ID) or
 * returns; with no lab behind the Grant it returns at once.
 * - `develop`: LAB-33 — development on a raw (rawAllowed) scope line needs the lab `active`.
 * - `egress`: LAB-34 — no new EgressRequest while the lab's egress rectification is open.
 */
export type LabGrantUse = 'develop' | 'egress';
/** The kernel's database and profile (the lab rules read `lab.*` parameters). */
export type LabGrantCheck = (k: Pick<Kernel, 'db' | 'profile'>, grantId: string, use: LabGrantUse) => Promise<void>;

let check: LabGrantCheck | null = null;

export function provideLabGrantCheck(c: LabGrantCheck) {
  check = c;
}

export async function assertLabGrantUse(k: Pick<Kernel, 'db' | 'profile'>, grantId: string, use: LabGrantUse) {
  if (check) await check(k, grantId, use);
}
