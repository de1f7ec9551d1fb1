import type { SqlAstNode } from '../guard/ast.js';
import { refusal, type Refusal } from '../guard/tokens.js';

/** How one output column of an aggregate query came about (EGR-02, EGR-03). */
export interface OutputColumn {
  name: string;
  role: 'dimension' | 'count' | 'sum' | 'avg';
  /** The view column it reads (null for COUNT(*)). */
  field: string | null;
}

export interface AggregateShape {
  view: string;
  columns: OutputColumn[];
  dimensions: string[];
}

const ROLE: Record<string, OutputColumn['role']> = {
  count: 'count',
  count_star: 'count',
  sum: 'sum',
  avg: 'avg',
  mean: 'avg',
};

/**
 * EGR-03: an aggregate_table/chart output is one SELECT over one view, grouped by plain
 * columns, projecting those columns and allowed aggregates over plain columns. Anything else
 * (expressions inside aggregates, FILTER, windows, joins, set operations) is refused.
 */
export function analyzeAggregate(
  ast: SqlAstNode | undefined,
  allowed: string[],
): { shape?: AggregateShape; refusal?: Refusal } {
  const bad = (detail: string, detailZh: string) => ({
    refusal: refusal('EGR-03', 'AGGREGATE_SHAPE_NOT_ALLOWED', { detail, detailZh }),
  });
  const node = ast?.node;
  if (node?.type !== 'SELECT_NODE')
    return bad('set operation or non-select', '只能是一个 SELECT 查询，不能有 UNION 等集合运算');
  if ((node.cte_map?.map ?? []).length) return bad('WITH', '不能使用 WITH 子句');
  if (node.from_table?.type !== 'BASE_TABLE') return bad('one view only', '只能查询一个视图，不能联接或嵌套');
  if (node.qualify || node.sample) return bad('QUALIFY/SAMPLE', '不能使用 QUALIFY 或 SAMPLE');
  if ((node.group_sets ?? []).length > 1) return bad('GROUPING SETS', '不能使用 GROUPING SETS');
  const groupCols = new Set<string>();
  for (const g of node.group_expressions ?? []) {
    if (g.class === 'COLUMN_REF') groupCols.add(last(g.column_names));
    else if (g.class === 'CONSTANT' && Number.isInteger(g.value?.value)) {
      const item = (node.select_list ?? [])[(g.value!.value as number) - 1];
      if (item?.class !== 'COLUMN_REF')
        return bad('GROUP BY position must name a column', 'GROUP BY 的序号必须指向一个字段');
      groupCols.add(last(item.column_names));
    } else return bad('GROUP BY expression', 'GROUP BY 只能写字段，不能写表达式');
  }
  const columns: OutputColumn[] = [];
  for (const item of node.select_list ?? []) {
    if (item.class === 'COLUMN_REF') {
      const f = last(item.column_names);
      if (!groupCols.has(f)) return bad(`column ${f} not grouped`, `字段“${f}”未列入 GROUP BY`);
      columns.push({ name: item.alias || f, role: 'dimension', field: f });
      continue;
    }
    if (item.class !== 'FUNCTION') return bad(`expression ${item.alias || item.class}`, outputColumnZh(item));
    const fn = String(item.function_name).toLowerCase();
    const key = fn === 'count' && item.distinct ? 'count_distinct' : fn;
    if (!ROLE[fn] || !allowed.includes(key === 'mean' ? 'avg' : key))
      return bad(`aggregate ${fn}`, `不允许的聚合函数 ${fn}，只能用 COUNT、SUM 或 AVG`);
    if (item.filter) return bad('FILTER', '聚合函数不能带 FILTER');
    const kids = item.children ?? [];
    if (fn === 'count_star' && kids.length === 0) {
      columns.push({ name: item.alias || 'count_star()', role: 'count', field: null });
      continue;
    }
    if (kids.length !== 1 || kids[0].class !== 'COLUMN_REF')
      return bad(`expression inside ${fn}`, `${fn} 内只能写一个字段，不能写表达式`);
    columns.push({
      name: item.alias || `${fn}(${last(kids[0].column_names)})`,
      role: ROLE[fn]!,
      field: last(kids[0].column_names),
    });
  }
  if (!columns.some((c) => c.role !== 'dimension'))
    return bad('no aggregate', '至少需要一个聚合函数（COUNT、SUM 或 AVG）');
  return {
    shape: {
      view: String(node.from_table.table_name),
      columns,
      dimensions: columns.filter((c) => c.role === 'dimension').map((c) => c.name),
    },
  };
}

const last = (names: string[] = []) => String(names[names.length - 1]);

/** The reader's words for an output column that is neither a grouped field nor an aggregate. */
function outputColumnZh(item: { class?: string; alias?: string }): string {
  if (item.class === 'STAR') return '不能用 SELECT *，请列出分组字段和聚合函数';
  return item.alias ? `输出列“${item.alias}”必须是分组字段或聚合函数` : '每个输出列必须是分组字段或聚合函数';
}

/**
 * The companion of an accepted aggregate: the same statement over the view's internal twin
 * (which also carries the subject pseudonym), plus each row's distinct-subject count and a
 * sketch of 64-bit hashes of its subjects (EGR-04, EGR-06). The rows are the job's rows.
 */
export function companionAst(ast: SqlAstNode, internalView: string, extra: SqlAstNode[]): SqlAstNode {
  // analyzeAggregate accepted this tree: one SELECT node over one base table, with a select list.
  const copy = structuredClone(ast);
  const node = copy.node!;
  const t = node.from_table!;
  if (!t.alias) t.alias = t.table_name; // qualified column refs keep resolving
  t.table_name = internalView;
  node.select_list!.push(...extra);
  return copy;
}
