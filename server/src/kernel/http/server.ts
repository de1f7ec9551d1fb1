import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyRequest,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  jsonSchemaTransform,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { viewSerializer } from './serializer.js';
import { publicActor, type Actor } from '../workflow/actor.js';
import { assertWellFormedQuery, frameworkError, onClientError, onFrameworkError, refuseNul } from './edge.js';
import { AppError } from './errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    /** How the request authenticated; cookie writes must carry the CSRF token (LGN-05). */
    authVia: 'cookie' | 'bearer' | 'none';
  }
  interface FastifyContextConfig {
    /**
     * The API-key actions (KEY-01 scope actions such as `data.verify`) this route accepts from a
     * Bearer key. Absent: no key reaches the route (default deny, decision 0058).
     */
    keyScope?: readonly string[];
  }
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Every route registered on an app, for policy sweeps in tests and the API index. */
export const registeredRoutes = new WeakMap<object, { method: string; url: string }[]>();

export interface HttpOptions {
  logLevel?: string;
  bodyLimit?: number;
}

/**
 * Fastify with zod schemas, OpenAPI 3.1 from those schemas, and one error shape
 * `{error:{code,message_zh,message_en,details}}` (style.md §5). Secrets are redacted
 * from logs: passwords, cookies, Authorization headers.
 */
export async function createHttpServer(opts: HttpOptions = {}): Promise<App> {
  const app = Fastify({
    logger: {
      level: opts.logLevel ?? 'info',
      redact: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        '*.password',
      ],
    },
    bodyLimit: opts.bodyLimit ?? 10 * 1024 * 1024,
    trustProxy: false,
    ajv: { customOptions: { coerceTypes: true } },
    // Refusals made before any route or hook runs answer in the error shape too (0058).
    frameworkErrors: onFrameworkError,
    clientErrorHandler: onClientError,
  }).withTypeProvider<ZodTypeProvider>();
  const routes: { method: string; url: string }[] = [];
  registeredRoutes.set(app, routes);
  app.addHook('onRoute', (r) => {
    for (const m of [r.method].flat()) routes.push({ method: String(m), url: r.url });
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(viewSerializer((msg) => app.log.error(msg)));
  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('authVia', 'none');
  app.addHook('onRequest', async (req) => {
    req.actor = publicActor(req.ip);
    req.authVia = 'none';
  });
  app.addHook('onRequest', assertWellFormedQuery);
  app.addHook('preHandler', refuseNul);
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: '数运 Shuyun API', version: '1.0.0', description: '公共数据资源授权运营平台 API' },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          cookie: { type: 'apiKey', in: 'cookie', name: '__Host-sid' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  app.setErrorHandler((err: unknown, req, reply) => {
    const appErr = toAppError(err);
    if (appErr.status >= 500) req.log.error({ err }, 'request failed');
    reply.status(appErr.status).send(appErr.toBody());
  });
  app.setNotFoundHandler((_req, reply) => {
    // The path is not repeated: an error echoes no input (0058).
    reply.status(404).send(new AppError(404, 'NOT_FOUND').toBody());
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}

/**
 * A zod issue in words a user reads (issue 14 "Internals in messages": never "Too big: expected string to have <=500
 * characters"). The page names the field from `path`; these say what is wrong and what to do.
 */
export function issueMessage(
  issue:
    | { code?: string; message?: string; origin?: string; maximum?: unknown; minimum?: unknown; input?: unknown }
    | undefined,
): { message_zh: string; message_en: string } {
  const o = issue?.origin,
    max = String(issue?.maximum ?? ''),
    min = String(issue?.minimum ?? '');
  switch (issue?.code) {
    case 'too_big':
      if (o === 'string')
        return { message_zh: `最多 ${max} 个字符，请删减`, message_en: `At most ${max} characters; please shorten it` };
      if (o === 'array' || o === 'set') return { message_zh: `最多 ${max} 项`, message_en: `At most ${max} items` };
      return { message_zh: `不能大于 ${max}`, message_en: `Must be at most ${max}` };
    case 'too_small':
      if (o === 'string')
        return min === '1'
          ? { message_zh: '必填，不能为空', message_en: 'Required; must not be empty' }
          : { message_zh: `至少 ${min} 个字符`, message_en: `At least ${min} characters` };
      if (o === 'array' || o === 'set')
        return { message_zh: `至少选择 ${min} 项`, message_en: `Choose at least ${min}` };
      return { message_zh: `不能小于 ${min}`, message_en: `Must be at least ${min}` };
    case 'invalid_type':
      return issue?.input === undefined && !/received (?!undefined)/.test(String(issue?.message ?? ''))
        ? { message_zh: '必填', message_en: 'Required' }
        : { message_zh: '类型不正确', message_en: 'Wrong type of value' };
    case 'invalid_format':
    case 'invalid_string':
      return { message_zh: '格式不正确', message_en: 'Wrong format' };
    case 'invalid_value':
    case 'invalid_enum_value':
      return { message_zh: '不是允许的选项', message_en: 'Not one of the allowed options' };
    case 'unrecognized_keys':
      return { message_zh: '包含不认识的项', message_en: 'Contains unknown entries' };
    default:
      return { message_zh: '取值不合法', message_en: 'Invalid value' };
  }
}

/** The zod issue fastify-type-provider-zod keeps in a validation error's params (its `path`, for the field name). */
const zodPath = (params: Record<string, unknown>) => (params.issue as { path?: PropertyKey[] } | undefined)?.path;

function toAppError(thrown: unknown): AppError {
  if (thrown instanceof AppError) return thrown;
  if (hasZodFastifySchemaValidationErrors(thrown)) {
    const err = thrown;
    const issues = err.validation.map((v) => ({
      path: v.instancePath || zodPath(v.params)?.map(String).join('.') || '',
      message: v.message,
      ...issueMessage({ ...v.params, code: v.keyword, message: v.message }),
    }));
    return new AppError(
      400,
      'VALIDATION_FAILED',
      { fields: issues.map((i) => i.path || '(body)').join(', ') },
      { issues, where: err.validationContext },
    );
  }
  if (isResponseSerializationError(thrown)) return new AppError(500, 'INTERNAL');
  // Anything else Fastify or a plugin threw: read as a FastifyError's optional fields, never trusted.
  const err = (typeof thrown === 'object' && thrown !== null ? thrown : {}) as Partial<FastifyError>;
  if (err?.statusCode === 413 || err?.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return new AppError(413, 'PAYLOAD_TOO_LARGE');
  if (
    err?.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    err?.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
    thrown instanceof SyntaxError
  ) {
    return new AppError(400, 'VALIDATION_FAILED', { fields: '(body)' }, { reason: 'malformed JSON' });
  }
  if (err?.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return frameworkError(415);
  // Other framework refusals keep their status; their message (which may quote the input) is dropped.
  if (typeof err?.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500)
    return frameworkError(err.statusCode);
  return new AppError(500, 'INTERNAL');
}

/** Throws 401 unless a logged-in user or API key is asking. */
export function requireAuthenticated(req: FastifyRequest): Actor {
  if (req.actor.kind === 'public') throw new AppError(401, 'UNAUTHENTICATED');
  return req.actor;
}
