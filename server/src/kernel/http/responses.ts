import { z } from 'zod';

/**
 * Response schemas every context shares (issue 13: every route declares its answer).
 * A context's own objects get their `…View` in its model.ts; these are the shapes with no domain.
 */

/** `{ ok: true }`: an action with nothing to return. */
export const Ok = z.object({ ok: z.literal(true) });

/** What a workflow transition answers: the object's id, new state and version. */
export const TransitionView = z.object({ id: z.string(), state: z.string(), version: z.number().int() });
export type TransitionView = z.infer<typeof TransitionView>;

/**
 * A file answer (Word, Excel, PDF, CSV, JSON download). Fastify sends Buffers and streams
 * without serializing them, so this schema only documents the answer in the OpenAPI document.
 */
export function fileResponse(mime: string) {
  return z.string().meta({ format: 'binary', description: `file (${mime})` });
}

/** A redirect answer (302) with its Location header; documented, never serialized. */
export const Redirect = z.null().meta({ description: 'redirect: see the Location header' });
