import { AppError } from '../../../kernel/http/errors.js';
import { FieldInput, ResourceInput, type ResourcePatch } from '../model.js';

/**
 * The JSON Patch a `modify` ChangeRequest carries (catalog.md ChangeRequest.diff), read into
 * what applying it does. Supported: `add /fields/-` (a new 数据项), `remove /fields/<code>`,
 * and `replace /<key>` of the catalog entry's descriptive keys. Anything else is refused when
 * proposed, so a consented request always applies (scenario 1).
 */
export interface ParsedPatch {
  resource: ResourcePatch;
  addFields: FieldInput[];
  removeFieldCodes: string[];
}

const REPLACEABLE = [
  'nameZh',
  'summary',
  'keywords',
  'domain',
  'dataType',
  'openMode',
  'format',
  'updateFrequency',
  'shareConditions',
  'openConditions',
] as const;
type Op = { op: string; path: string; value?: unknown };

function invalid(index: number, reason: string): never {
  throw new AppError(422, 'CHANGE_DIFF_INVALID', { index, reason });
}

export function parsePatch(diff: Op[]): ParsedPatch {
  const out: ParsedPatch = { resource: {}, addFields: [], removeFieldCodes: [] };
  const shape = ResourceInput.pick(
    Object.fromEntries(REPLACEABLE.map((k) => [k, true])) as Record<(typeof REPLACEABLE)[number], true>,
  ).partial();
  diff.forEach((o, i) => {
    if (o.op === 'add' && o.path === '/fields/-') {
      const f = FieldInput.safeParse(o.value);
      if (!f.success) invalid(i, f.error.issues.map((x) => x.path.join('.') || x.message).join(', '));
      out.addFields.push(f.data);
    } else if (o.op === 'remove' && /^\/fields\/[A-Za-z_][A-Za-z0-9_]*$/.test(o.path)) {
      out.removeFieldCodes.push(o.path.slice('/fields/'.length));
    } else if (o.op === 'replace' && (REPLACEABLE as readonly string[]).includes(o.path.slice(1))) {
      const key = o.path.slice(1);
      const v = shape.safeParse({ [key]: o.value });
      if (!v.success) invalid(i, key);
      Object.assign(out.resource, v.data);
    } else invalid(i, `${o.op} ${o.path}`);
  });
  return out;
}

/** REG-03: the registered content a patch touches (fields, frequency, open mode); empty if none. */
export function registeredContentChanged(p: ParsedPatch): string[] {
  const hit: string[] = [];
  if (p.addFields.length || p.removeFieldCodes.length) hit.push('fields');
  if (p.resource.updateFrequency !== undefined) hit.push('updateFrequency');
  if (p.resource.openMode !== undefined) hit.push('openMode');
  return hit;
}
