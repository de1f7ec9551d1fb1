/**
 * SBX-06: the versioned function allow-list (`sandbox.functionAllowList`). Deny by default:
 * anything not listed — file/URL readers, glob, settings, environment, metadata (duckdb_*),
 * dynamic SQL (query, query_table), table functions — is refused as FUNCTION_NOT_ALLOWED.
 * Names are DuckDB's internal function names as json_serialize_sql() reports them
 * (operators appear as '+', '~~' for LIKE, 'count_star' for COUNT(*), 'date_part' for EXTRACT).
 */
const OPERATORS = ['+', '-', '*', '/', '//', '%', '**', '^', '||', '~~', '!~~', '~~*', '!~~*', '&', '|', '<<', '>>', '~', '@', '[]', 'array_slice'];
const AGGREGATES = ['count', 'count_star', 'sum', 'avg', 'mean', 'min', 'max', 'median', 'mode', 'quantile_cont', 'quantile_disc', 'quantile',
  'stddev', 'stddev_pop', 'stddev_samp', 'variance', 'var_pop', 'var_samp', 'approx_count_distinct', 'string_agg', 'group_concat', 'listagg',
  'bool_and', 'bool_or', 'first', 'last', 'any_value', 'arg_min', 'arg_max', 'argmin', 'argmax', 'min_by', 'max_by', 'corr', 'covar_pop', 'covar_samp',
  'regr_slope', 'regr_intercept', 'regr_r2', 'regr_count', 'product', 'list', 'array_agg', 'sumkahan', 'fsum', 'kurtosis', 'skewness', 'entropy'];
const WINDOWS = ['row_number', 'rank', 'dense_rank', 'percent_rank', 'cume_dist', 'ntile', 'lag', 'lead', 'first_value', 'last_value', 'nth_value'];
const NUMERIC = ['abs', 'ceil', 'ceiling', 'floor', 'round', 'trunc', 'sign', 'sqrt', 'cbrt', 'exp', 'ln', 'log', 'log2', 'log10', 'pow', 'power',
  'mod', 'greatest', 'least', 'isnan', 'isinf', 'isfinite', 'even', 'gcd', 'lcm', 'degrees', 'radians', 'pi', 'sin', 'cos', 'tan', 'atan', 'atan2'];
const STRINGS = ['length', 'char_length', 'character_length', 'strlen', 'lower', 'upper', 'lcase', 'ucase', 'trim', 'ltrim', 'rtrim', 'substr',
  'substring', 'left', 'right', 'replace', 'concat', 'concat_ws', 'lpad', 'rpad', 'reverse', 'strpos', 'position', 'instr', 'contains',
  'starts_with', 'ends_with', 'prefix', 'suffix', 'regexp_matches', 'regexp_full_match', 'regexp_replace', 'regexp_extract', 'split_part',
  'string_split', 'str_split', 'ascii', 'chr', 'repeat', 'format', 'printf', 'like_escape', 'ilike_escape', 'translate', 'initcap'];
const DATES = ['date_part', 'datepart', 'date_trunc', 'datetrunc', 'date_diff', 'datediff', 'date_sub', 'datesub', 'date_add', 'year', 'month',
  'day', 'quarter', 'week', 'weekday', 'dayofweek', 'dayofmonth', 'dayofyear', 'isodow', 'yearweek', 'hour', 'minute', 'second', 'strftime',
  'strptime', 'make_date', 'make_timestamp', 'epoch', 'age', 'last_day', 'monthname', 'dayname', 'current_date', 'to_days', 'to_months', 'to_years'];
const MISC = ['coalesce', 'ifnull', 'nullif', 'if', 'iif', 'typeof', 'list_value', 'list_contains', 'list_has', 'array_length', 'len',
  'list_extract', 'array_extract', 'list_element', 'struct_extract', 'struct_pack', 'row', 'unnest', 'list_sort', 'list_distinct',
  'grouping', 'grouping_id', 'to_json', 'isnull', 'notnull'];

export const FUNCTION_ALLOW_LISTS: Record<string, ReadonlySet<string>> = {
  v1: new Set([...OPERATORS, ...AGGREGATES, ...WINDOWS, ...NUMERIC, ...STRINGS, ...DATES, ...MISC]),
};

/** Aggregates EGR-03 accepts in aggregate_table/chart outputs (`egress.allowedAggregates`). */
export const AGGREGATE_FUNCTIONS: ReadonlySet<string> = new Set(AGGREGATES);
