import type { Executor } from '../../../kernel/db/tables.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { getResourceForAuthorization } from '../../catalog/service.js';
import { checkStatement, type SqlAstNode } from '../guard/index.js';
import type { EgressContribution, JobRow, ViewRecord, WorkspaceRow } from '../store.js';
import { scopeOf } from './masked-views.js';

export type Contribution = EgressContribution;

/**
 * The resources (and fields) behind an EgressRequest's source Job: the views its statement names, and
 * of each the granted fields it reads (all of them under `*`). A statement reading an earlier result
 * table is traced no further: every view of the Workspace counts, with all its fields (never fewer
 * source units than contributed).
 */
export async function contributionsOf(k: Kernel, db: Executor, ws: WorkspaceRow, job: JobRow): Promise<Contribution[]> {
  const gate = await checkStatement(
    job.sql_text,
    scopeOf(k, ws.views, []),
    k.profile.get<number>('sandbox.maxSqlBytes'),
  );
  const named = new Set((gate.facts?.tables ?? []).map((t) => t.toLowerCase()));
  const viaResult = [...named].some((t) => t.startsWith('r_')) || !gate.ok;
  const refs = columnRefs(gate.ast);
  const out: Contribution[] = [];
  for (const v of ws.views) {
    if (!viaResult && !named.has(v.name.toLowerCase())) continue;
    const res = await getResourceForAuthorization(db, v.resourceId);
    out.push({
      resourceId: v.resourceId,
      nameZh: v.name,
      sourceUnitOrgId: res?.sourceUnitOrgId ?? null,
      fields: fieldsRead(v, refs, viaResult),
    });
  }
  return out;
}

function fieldsRead(v: ViewRecord, refs: { columns: Set<string>; star: boolean }, all: boolean): string[] {
  if (all || refs.star) return v.fields.map((f) => f.name);
  return v.fields.filter((f) => refs.columns.has(f.name.toLowerCase())).map((f) => f.name);
}

function columnRefs(ast: SqlAstNode | undefined): { columns: Set<string>; star: boolean } {
  const columns = new Set<string>();
  let star = false;
  const walk = (n: unknown): void => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    const node = n as SqlAstNode;
    if (node.class === 'COLUMN_REF') {
      const names = node.column_names ?? [];
      columns.add(String(names[names.length - 1] ?? '').toLowerCase());
    }
    if (node.class === 'STAR') star = true;
    for (const v of Object.values(node)) if (v && typeof v === 'object') walk(v);
  };
  walk(ast);
  return { columns, star };
}
