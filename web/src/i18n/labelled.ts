import type * as zh from '../locales/zh-CN';
import type { TFunction } from './I18nProvider';

/** Every message key of the zh-CN locale (locales.test.ts keeps en-US on the same keys). */
export type MessageKey = { [C in keyof typeof zh]: keyof (typeof zh)[C] }[keyof typeof zh];

/** The keys `${P}${member}` of an enum U that the locale does not label yet (`never` when complete). */
export type MissingLabels<P extends string, U extends string> = Exclude<`${P}${U}`, MessageKey>;

/**
 * A label function for a server enum `U` (a union from web/src/api/schema.ts), keyed `${prefix}${value}`.
 * `labelsFor<OrgRole>()('identity.role.name.')` compiles only when every member of U has a label, so a new state
 * the server declares fails the web build until the locale names it (issue 13); the error names the missing keys.
 * The function still takes any string: some views carry the value as a plain string; unknown ones show as they are.
 */
export const labelsFor =
  <U extends string>() =>
  <P extends string>(
    prefix: P,
    ..._complete: [MissingLabels<P, U>] extends [never] ? [] : [missing: MissingLabels<P, U>]
  ) =>
  (t: TFunction, value: U | (string & {})): string => {
    const key = `${prefix}${value}`;
    const text = t(key);
    return text === key ? value : text;
  };

/**
 * The members of a server enum as a list in the order given (menus, filters); compiles only when none is missing,
 * so a list in the web cannot fall behind the server's enum.
 */
export const allOf =
  <U extends string>() =>
  <const L extends readonly U[]>(
    ...list: L & ([Exclude<U, L[number]>] extends [never] ? unknown : { missing: Exclude<U, L[number]> })
  ): L =>
    list;

/** The values that are members of the list (a view that carries an enum as plain strings), in their order. */
export const membersOf = <L extends readonly string[]>(list: L, values: readonly string[]): L[number][] =>
  values.filter((v): v is L[number] => list.includes(v));

/** The value if it is one of the list's members, else undefined: for enum values read from the URL. */
export const memberOf = <L extends readonly string[]>(
  list: L,
  value: string | null | undefined,
): L[number] | undefined => list.find((m) => m === value);
