import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

/** A view the job may read: a masked Parquet file with the granted columns (SBX-04). */
export interface MountedView {
  name: string;
  file: string;
  columns: string[];
}

export interface EngineLimits {
  memoryMiB: number;
  threads: number;
}

export const ENGINE_VERSION = 'duckdb-1.5.5';

/** Quotes an identifier for DuckDB (our own generated SQL only; user SQL is never spliced). */
export const qi = (name: string) => `"${name.replace(/"/g, '""')}"`;
/** Quotes a string literal for DuckDB (paths we chose, never user input). */
export const ql = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * SBX-07: a fresh instance per job. Before any user SQL: the only readable (and writable)
 * paths are the mounted files and this job's own result file; external access, extension
 * install/autoload and configuration changes are switched off and locked. AUTH-30: what is mounted is
 * the Workspace's masked copy, never the source unit's data file, so no statement can reach source data.
 */
export async function openLockedInstance(
  views: MountedView[],
  limits: EngineLimits,
  writable: string[] = [],
): Promise<{ instance: DuckDBInstance; conn: DuckDBConnection }> {
  const instance = await DuckDBInstance.create(':memory:', {
    threads: String(limits.threads),
    memory_limit: `${limits.memoryMiB}MB`,
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
  const conn = await instance.connect();
  try {
    const paths = [...views.map((v) => v.file), ...writable];
    await conn.run(`SET allowed_paths = [${paths.map(ql).join(', ')}]`);
    await conn.run("SET temp_directory = ''");
    await conn.run('SET enable_external_access = false');
    await conn.run('SET allow_community_extensions = false');
    await conn.run('SET lock_configuration = true');
    for (const v of views) {
      await conn.run(
        `CREATE VIEW ${qi(v.name)} AS SELECT ${v.columns.map(qi).join(', ')} FROM read_parquet(${ql(v.file)})`,
      );
    }
  } catch (e) {
    conn.closeSync();
    instance.closeSync();
    throw e;
  }
  return { instance, conn };
}

/** Converts DuckDB JSON-able values for previews (BigInt → number when safe). */
export function jsonRows(rows: unknown[][]): unknown[][] {
  return rows;
}
