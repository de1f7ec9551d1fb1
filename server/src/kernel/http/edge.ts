import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

/**
 * The HTTP edge (decision 0058): every refusal the framework or Node's parser makes answers in
 * the one error shape `{error:{code,message_zh,message_en,details}}` and echoes no input (a
 * raw Fastify body used to repeat the path, and an HTML page may render what it gets back).
 */

/** Codes for framework refusals by status; their messages never carry the request's text. */
const STATUS_CODE_NAMES: Record<number, string> = {
  400: 'BAD_REQUEST',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  408: 'REQUEST_TIMEOUT',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  431: 'HEADERS_TOO_LARGE',
};

export function frameworkError(status: number): AppError {
  return new AppError(status, STATUS_CODE_NAMES[status] ?? 'BAD_REQUEST');
}

/**
 * Fastify's `frameworkErrors`: a path that is not valid percent-encoding (FST_ERR_BAD_URL) or a
 * path parameter over `maxParamLength` (FST_ERR_MAX_PARAM_LENGTH, 414). Both arrive before any
 * route, so no hook runs; the answer is built here.
 */
export function onFrameworkError(
  err: { code?: string; statusCode?: number },
  _req: FastifyRequest,
  reply: FastifyReply,
) {
  const e =
    err.code === 'FST_ERR_BAD_URL'
      ? new AppError(400, 'URL_MALFORMED')
      : err.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? frameworkError(414)
        : frameworkError(typeof err.statusCode === 'number' && err.statusCode < 500 ? err.statusCode : 400);
  void reply.status(e.status).send(e.toBody());
}

/**
 * Node's `clientError`: the request never became a request (headers or URL over
 * `maxHeaderSize` → 431, a timeout → 408, anything unparsable → 400). The socket gets a
 * complete HTTP response in the error shape, then closes.
 */
export function onClientError(err: NodeJS.ErrnoException, socket: Socket) {
  if (err.code === 'ECONNRESET' || socket.destroyed || !socket.writable) return;
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const body = JSON.stringify(frameworkError(status).toBody());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Decodes percent-encoding, or null when it is malformed (`%E0%A4%A`). */
export function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

/** onRequest: a query string that is not valid percent-encoding is refused on every endpoint. */
export async function assertWellFormedQuery(req: FastifyRequest) {
  const q = req.url.indexOf('?');
  if (q >= 0 && safeDecode(req.url.slice(q + 1)) === null) throw new AppError(400, 'URL_MALFORMED');
}

/**
 * The path (within body, query or params) of the first string or key holding U+0000, or null.
 * PostgreSQL text cannot store NUL, so it must be refused here rather than fail in the database.
 * Iterative, so a deeply nested body cannot exhaust the stack.
 */
export function findNul(part: string, value: unknown): string | null {
  const stack: [string, unknown][] = [[part, value]];
  while (stack.length) {
    const [path, v] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return path;
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => stack.push([`${path}.${i}`, x]));
    } else if (isPlainObject(v)) {
      for (const [key, x] of Object.entries(v)) {
        if (key.includes('\u0000')) return `${path}.(key)`;
        stack.push([`${path}.${key.slice(0, 64)}`, x]);
      }
    }
  }
  return null;
}

// Parsed JSON and zod output are plain objects; the query parser's have no prototype. Buffers and streams are not text.
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (!v || typeof v !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * preHandler, once for every route: no text input may hold NUL (issue 12 finding 4). It runs
 * after the schema's validation, over the parsed body, query and params, so routes without a
 * schema for a part are covered too.
 */
export async function refuseNul(req: FastifyRequest) {
  const where = findNul('body', req.body) ?? findNul('query', req.query) ?? findNul('params', req.params);
  if (where) throw new AppError(400, 'NUL_CHARACTER', { fields: where });
}
