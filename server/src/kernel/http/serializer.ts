import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { ResponseSerializationError } from 'fastify-type-provider-zod';
import type { z } from 'zod';

/**
 * Serializes every answer through its route's declared `…View` (issue 13; decision 0066): the
 * parsed value drops any column the view does not declare, so a presenter cannot leak one.
 *
 * A value that does not match its view is a bug in our presenter, not the caller's fault. Under
 * test (`VITEST`, or `SHUYUN_STRICT_RESPONSES=1`) it fails loudly so the suite catches the drift;
 * in production it is logged and the presenter's own output is sent, so a documentation slip
 * never turns a working page into a 500.
 */
export function viewSerializer(log: (msg: string) => void): FastifySerializerCompiler<z.ZodType> {
  const strict = Boolean(process.env.VITEST) || process.env.SHUYUN_STRICT_RESPONSES === '1';
  return ({ schema, method, url }) =>
    (data) => {
      const result = schema.safeParse(data);
      if (result.success) return JSON.stringify(result.data);
      if (strict) throw new ResponseSerializationError(method, url, { cause: result.error });
      log(
        `response of ${method} ${url} does not match its view: ${result.error.issues
          .slice(0, 3)
          .map((i) => `${i.path.join('.')}: ${i.message}`)
          .join('; ')}`,
      );
      return JSON.stringify(data);
    };
}
