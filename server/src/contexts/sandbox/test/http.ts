import type { Client } from '../../../test/harness.js';

/**
 * Through the API, as `dev`: a Job in the Workspace and an EgressRequest for its output as an aggregate table for
 * the holder's own analysis. Answers the request as filed (its checks have run: `awaiting_review` or `auto_failed`).
 */
export async function aggregateEgress(dev: Client, workspaceId: string, sql: string, justification = '内部分析') {
  const job = (await dev.post(`/api/v1/workspaces/${workspaceId}/jobs`, { sql })).json();
  return (
    await dev.post('/api/v1/egress-requests', {
      workspaceId,
      sourceJobId: job.id,
      outputKind: 'aggregate_table',
      declaredUse: 'own_analysis',
      justification,
    })
  ).json();
}
