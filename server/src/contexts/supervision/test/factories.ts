import type { OpenIncidentInput } from '../model.js';

/** An Incident body as `POST /api/v1/incidents` takes it (supervision.md Incident fields); override any part. */
export function incidentBody(o: Partial<OpenIncidentInput> & { grantIds?: string[] } = {}) {
  const { grantIds = [], ...rest } = o;
  return {
    type: 'leak',
    severity: 'relatively_major',
    cii: false,
    discoveredAt: '2026-10-02T09:00:00+08:00',
    affected: { grantIds },
    description: '企业用电量画像输出中含未脱敏的联系电话',
    ...rest,
  };
}

/** A four-dimension score sheet for `POST /api/v1/evaluations` (scenario 8's scores by default). */
export function evaluationBody(subjectOrgId: string, o: Record<string, unknown> = {}) {
  return {
    subjectKind: 'operator_quarterly',
    subjectOrgId,
    period: { from: '2026-07-01', to: '2026-09-30' },
    dimensionScores: { compliance: 70, security: 50, effectiveness: 60, innovation: 40 },
    ...o,
  };
}
