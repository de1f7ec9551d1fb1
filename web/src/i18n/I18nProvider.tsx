import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { ConfigProvider } from 'antd';
import antdZh from 'antd/locale/zh_CN';
import antdEn from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import * as zhModules from '../locales/zh-CN';
import * as enModules from '../locales/en-US';
import { format, mergeMessages } from './merge';
import type { Lang, Messages } from './types';

const STORAGE_KEY = 'shuyun.lang';
const MESSAGES: Record<Lang, Messages> = { 'zh-CN': mergeMessages(zhModules), 'en-US': mergeMessages(enModules) };

export type TFunction = (key: string, params?: Record<string, unknown>) => string;
interface I18nValue {
  lang: Lang;
  setLang: (l: Lang) => void;
  t: TFunction;
}

// Honour the OS "reduce motion" setting (also keeps browser-test screenshots still).
const REDUCED_MOTION = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
// Secondary and tertiary text darker than antd's 0.45 alpha (4.48:1 on white) so they pass WCAG AA 4.5:1 (axe color-contrast, issue 14).
// Links take the brand blue (antd's default #1677ff is 4.1:1). Tags: status and preset text one palette step darker,
// so that every tag's text reaches 4.5:1 on its light background.
const TAG_TEXT = {
  colorSuccess: '#237804',
  colorInfo: '#0958d9',
  colorError: '#cf1322',
  colorWarning: '#ad4e00',
  green7: '#237804',
  orange7: '#ad4e00',
  gold7: '#874d00',
  cyan7: '#006d75',
  lime7: '#3f6600',
  volcano7: '#ad2102',
};
const THEME = {
  token: {
    colorPrimary: '#1f5fbf',
    colorLink: '#1f5fbf',
    borderRadius: 4,
    motion: !REDUCED_MOTION,
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
  },
  // Danger buttons: #cf1322 (5.9:1 on white) instead of #ff4d4f (3.3:1).
  components: {
    Tag: TAG_TEXT,
    Button: { colorError: '#cf1322', colorErrorHover: '#a8071a', colorErrorActive: '#820014' },
    // An empty table's text ("暂无数据") is drawn in colorTextDisabled (0.25 alpha): raise it to AA.
    Table: { colorTextDisabled: 'rgba(0, 0, 0, 0.6)' },
  },
};

const I18nContext = createContext<I18nValue | null>(null);

function initialLang(): Lang {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  return saved === 'en-US' ? 'en-US' : 'zh-CN';
}

/** Chinese by default; the choice persists in localStorage and drives antd's locale too. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((l: Lang) => {
    localStorage.setItem(STORAGE_KEY, l);
    document.documentElement.lang = l;
    dayjs.locale(l === 'zh-CN' ? 'zh-cn' : 'en');
    setLangState(l);
  }, []);
  const value = useMemo<I18nValue>(() => {
    const table = MESSAGES[lang];
    // A missing key shows itself, so gaps are visible rather than blank.
    const t: TFunction = (key, params) => format(table[key] ?? key, params);
    return { lang, setLang, t };
  }, [lang, setLang]);
  dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
  return (
    <I18nContext.Provider value={value}>
      <ConfigProvider locale={lang === 'zh-CN' ? antdZh : antdEn} button={{ autoInsertSpace: false }} theme={THEME}>
        {children}
      </ConfigProvider>
    </I18nContext.Provider>
  );
}

export function useI18n(): I18nValue {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

/** The translation function: `const t = useT(); t('identity.login.submit')`. */
export function useT(): TFunction {
  return useI18n().t;
}
