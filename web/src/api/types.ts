/**
 * Typed views of the generated `schema.ts` (issue 13): a page names a route and a method, and gets the server's
 * declared answer or body. Paths are written as `request()` takes them, relative to /api/v1 and with `{id}` for
 * parameters: `ApiOk<'/grants/{id}', 'get'>`. A route whose view changes on the server breaks the page at compile
 * time instead of at run time.
 */
import type { paths } from './schema';

export type { paths } from './schema';

export type ApiMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Every documented route under /api/v1, without the prefix. */
export type ApiPath = keyof paths extends infer K ? (K extends `/api/v1${infer R}` ? R : never) : never;

type FullPath<P extends ApiPath> = `/api/v1${P}` & keyof paths;

/** The operation object of a route; `never` when the route has no such method. */
export type ApiOperation<P extends ApiPath, M extends ApiMethod> = NonNullable<paths[FullPath<P>][M]>;

type JsonOf<R> = R extends { content: { 'application/json': infer J } } ? J : never;

/** The JSON body of the success answer (200, else 201). `never` while the route declares no view. */
export type ApiOk<P extends ApiPath, M extends ApiMethod = 'get'> =
  ApiOperation<P, M> extends { responses: infer R }
    ? R extends { 200: infer Ok }
      ? JsonOf<Ok>
      : R extends { 201: infer Created }
        ? JsonOf<Created>
        : never
    : never;

/** The JSON request body of a route. */
export type ApiBody<P extends ApiPath, M extends ApiMethod = 'post'> =
  ApiOperation<P, M> extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never;

/** The query parameters of a route. */
export type ApiQuery<P extends ApiPath, M extends ApiMethod = 'get'> =
  ApiOperation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** The path parameters of a route (an `{action}` segment carries the route's enum of actions). */
export type ApiPathParams<P extends ApiPath, M extends ApiMethod = 'post'> =
  ApiOperation<P, M> extends { parameters: { path: infer X } } ? X : never;

/** One element of a list answer (`pageOf(XxxView)` or any `{ items: [...] }`). */
export type ApiItem<P extends ApiPath, M extends ApiMethod = 'get'> =
  ApiOk<P, M> extends { items: (infer I)[] } ? I : never;

/**
 * A view with some fields replaced: where the server declares a jsonb column as `unknown` (or a column as a plain
 * string that only ever holds one of an enum's values), the page narrows it to what the server writes there. Fields it
 * does not name stay as generated. Each use is a place where the server's view could say more.
 */
export type Refine<T, R> = Omit<T, keyof R> & R;
