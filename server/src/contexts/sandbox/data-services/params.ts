import { AppError } from '../../../kernel/http/errors.js';
import { isIdNumber, isUscc } from '../egress/identifiers.js';
import type { ServiceSpec } from '../model.js';
import { canonical } from './runtime.js';

type Param = { name: string; type: 'uscc' | 'id_number' | 'text'; maxLength?: number };

/**
 * SVC-03: parameters are typed and checked (ID checksums, lengths); a caller cannot send SQL,
 * wildcards, extra keys or lists. Errors name the parameter, never its value (SVC-04).
 */
export function validateParams(spec: ServiceSpec, body: Record<string, unknown>): Record<string, string> {
  const params: Param[] = spec.kind === 'verification' ? spec.params : spec.filterParam ? [spec.filterParam] : [];
  const out: Record<string, string> = {};
  for (const key of Object.keys(body)) if (!params.some((p) => p.name === key)) throw bad(key);
  for (const p of params) {
    const raw = body[p.name];
    if (raw === undefined && spec.kind === 'statistics') continue;
    if (typeof raw !== 'string' && typeof raw !== 'number') throw bad(p.name);
    const v = canonical(p.type, String(raw));
    if (p.type === 'uscc' && !isUscc(v)) throw bad(p.name);
    if (p.type === 'id_number' && !isIdNumber(v)) throw bad(p.name);
    if (p.type === 'text' && (v.length === 0 || v.length > (p.maxLength ?? 100) || /[%*_?\\]/.test(v)))
      throw bad(p.name);
    out[p.name] = v;
  }
  return out;
}

const bad = (name: string) => new AppError(422, 'PARAMETER_INVALID', { name }, { ruleId: 'SVC-03' });
