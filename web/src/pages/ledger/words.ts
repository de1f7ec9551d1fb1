import type { TFunction } from '../../i18n/I18nProvider';

/**
 * Ledger events in words (issue 14: no event type such as `auth.login`, no raw state reaches a page):
 * `DataResource.publish` → 数据资源发布, `auth.login` → 登录, `under_review` → 审核中. Unknown codes get a
 * generic word, never the code itself.
 */
const has = (t: TFunction, key: string) => t(key) !== key;

/** 数据资源 for `DataResource`. */
export function objectTypeLabel(t: TFunction, type: string): string {
  const key = `ledger.object.${type}`;
  return has(t, key) ? t(key) : t('ledger.words.unknownObject');
}

/** 审核中 for `under_review`; '—' for none. */
export function stateLabel(t: TFunction, state: string | null | undefined): string {
  if (!state) return t('ledger.words.noState');
  const key = `ledger.state.${state === '(new)' ? 'new' : state}`;
  return has(t, key) ? t(key) : t('ledger.words.unknownState');
}

const actionWord = (t: TFunction, action: string) => {
  const key = `ledger.action.${action}`;
  return has(t, key) ? t(key) : t('ledger.words.unknownAction');
};

/**
 * An event type in words. `<Object>.<action>` reads as object + action; the identity and service
 * events (`auth.login`, `service.call`, `catalog_task.open`) read as their action on the given object type.
 */
export function eventLabel(t: TFunction, eventType: string, objectType?: string): string {
  const dot = eventType.lastIndexOf('.');
  const [head, action] = dot < 0 ? [eventType, ''] : [eventType.slice(0, dot), eventType.slice(dot + 1)];
  if (head === 'auth') return actionWord(t, action);
  const type = /^[A-Z]/.test(head) ? head : (objectType ?? head);
  return t('ledger.words.event', { object: objectTypeLabel(t, type), action: actionWord(t, action) });
}

/** 成功 / 被拒绝 / 失败. */
export function resultLabel(t: TFunction, result: string | null | undefined): string {
  if (!result) return '-';
  const key = `ledger.result.${result}`;
  return has(t, key) ? t(key) : t('ledger.words.unknownState');
}
