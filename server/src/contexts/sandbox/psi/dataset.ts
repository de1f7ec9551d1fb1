import { DuckDBInstance } from '@duckdb/node-api';
import { qi, ql } from '../engine/instance.js';
import type { ViewRecord } from '../store.js';
import { canonicalItem, type IdentifierType } from './client/canonical.js';
import { hashItem } from './client/curve.js';

/**
 * H(y) for every distinct value of the service's identifier column, read from the Workspace's masked view (the same
 * file the data service answers from). The points depend only on the platform's own data, so they are computed once
 * per view file and kept; each session blinds them with its own fresh scalar (PSI-03).
 */
const cache = new Map<string, Promise<Uint8Array[]>>();

export function datasetPoints(view: ViewRecord, field: string, type: IdentifierType): Promise<Uint8Array[]> {
  const key = `${view.file}\u0000${field}\u0000${type}`;
  let p = cache.get(key);
  if (!p) {
    p = load(view.file, field, type);
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}

async function load(file: string, field: string, type: IdentifierType): Promise<Uint8Array[]> {
  const inst = await DuckDBInstance.create(':memory:', { threads: '1' });
  const c = await inst.connect();
  try {
    const r = await c.runAndReadAll(
      `SELECT DISTINCT CAST(${qi(field)} AS VARCHAR) FROM read_parquet(${ql(file)}) WHERE ${qi(field)} IS NOT NULL`,
    );
    const seen = new Set<string>();
    for (const [v] of r.getRows()) {
      const canon = canonicalItem(type, String(v));
      if (canon) seen.add(canon);
    }
    return [...seen].map((v) => hashItem(type, v));
  } finally {
    c.closeSync();
    inst.closeSync();
  }
}
