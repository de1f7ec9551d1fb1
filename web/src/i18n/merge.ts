import type { Messages } from './types';

/** Flattens a locale index (`export { default as ctx } from './ctx'` lines) into one map. */
export function mergeMessages(modules: Record<string, Messages>): Messages {
  const out: Messages = {};
  for (const m of Object.values(modules)) Object.assign(out, m);
  return out;
}

/** Replaces `{name}` placeholders with params; unknown placeholders stay visible. */
export function format(text: string, params?: Record<string, unknown>): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (all, k: string) => (params[k] === undefined ? all : String(params[k])));
}
