import { refusal, type Refusal } from '../guard/tokens.js';

/** How one output column of an aggregate query came about (EGR-02, EGR-03). */
export interface OutputColumn {
  name: string;
  role: 'dimension' | 'count' | 'sum' | 'avg';
  /** The view column it reads (null for COUNT(*)). */
  field: string | null;
}

export interface AggregateShape { view: string; columns: OutputColumn[]; dimensions: string[] }

const ROLE: Record<string, OutputColumn['role']> = { count: 'count', count_star: 'count', sum: 'sum', avg: 'avg', mean: 'avg' };

/**
 * EGR-03: an aggregate_table/chart output is one SELECT over one view, grouped by plain
 * columns, projecting those columns and allowed aggregates over plain columns. Anything else
 * (expressions inside aggregates, FILTER, windows, joins, set operations) is refused.
 */
export function analyzeAggregate(ast: any, allowed: string[]): { shape?: AggregateShape; refusal?: Refusal } {
  const bad = (detail: string) => ({ refusal: refusal('EGR-03', 'AGGREGATE_SHAPE_NOT_ALLOWED', { detail }) });
  const node = ast?.node;
  if (node?.type !== 'SELECT_NODE') return bad('set operation or non-select');
  if ((node.cte_map?.map ?? []).length) return bad('WITH');
  if (node.from_table?.type !== 'BASE_TABLE') return bad('one view only');
  if (node.qualify || node.sample) return bad('QUALIFY/SAMPLE');
  if ((node.group_sets ?? []).length > 1) return bad('GROUPING SETS');
  const groupCols = new Set<string>();
  for (const g of node.group_expressions ?? []) {
    if (g.class === 'COLUMN_REF') groupCols.add(last(g.column_names));
    else if (g.class === 'CONSTANT' && Number.isInteger(g.value?.value)) {
      const item = node.select_list[g.value.value - 1];
      if (item?.class !== 'COLUMN_REF') return bad('GROUP BY position must name a column');
      groupCols.add(last(item.column_names));
    } else return bad('GROUP BY expression');
  }
  const columns: OutputColumn[] = [];
  for (const item of node.select_list ?? []) {
    if (item.class === 'COLUMN_REF') {
      const f = last(item.column_names);
      if (!groupCols.has(f)) return bad(`column ${f} not grouped`);
      columns.push({ name: item.alias || f, role: 'dimension', field: f });
      continue;
    }
    if (item.class !== 'FUNCTION') return bad(`expression ${item.alias || item.class}`);
    const fn = String(item.function_name).toLowerCase();
    const key = fn === 'count' && item.distinct ? 'count_distinct' : fn;
    if (!ROLE[fn] || !allowed.includes(key === 'mean' ? 'avg' : key)) return bad(`aggregate ${fn}`);
    if (item.filter) return bad('FILTER');
    const kids = item.children ?? [];
    if (fn === 'count_star' && kids.length === 0) { columns.push({ name: item.alias || 'count_star()', role: 'count', field: null }); continue; }
    if (kids.length !== 1 || kids[0].class !== 'COLUMN_REF') return bad(`expression inside ${fn}`);
    columns.push({ name: item.alias || `${fn}(${last(kids[0].column_names)})`, role: ROLE[fn]!, field: last(kids[0].column_names) });
  }
  if (!columns.some((c) => c.role !== 'dimension')) return bad('no aggregate');
  return { shape: { view: String(node.from_table.table_name), columns, dimensions: columns.filter((c) => c.role === 'dimension').map((c) => c.name) } };
}

const last = (names: string[]) => String(names[names.length - 1]);

/**
 * The companion of an accepted aggregate: the same statement over the view's internal twin
 * (which also carries the subject pseudonym), plus each row's distinct-subject count and a
 * sketch of 64-bit hashes of its subjects (EGR-04, EGR-06). The rows are the job's rows.
 */
export function companionAst(ast: any, internalView: string, extra: any[]): any {
  const copy = structuredClone(ast);
  const t = copy.node.from_table;
  if (!t.alias) t.alias = t.table_name; // qualified column refs keep resolving
  t.table_name = internalView;
  copy.node.select_list.push(...extra);
  return copy;
}
