import { Segmented } from 'antd';
import { useI18n, useT } from '../i18n/I18nProvider';
import type { Lang } from '../i18n/types';

/** 中文 / English switch; the labels are the language names themselves, so they are not translated. */
export function LanguageSwitch() {
  const { lang, setLang } = useI18n();
  const t = useT();
  return (
    <div role="group" aria-label={t('app.header.lang')}>
      <Segmented<Lang>
        size="small"
        value={lang}
        onChange={(v) => setLang(v)}
        options={[
          { label: LANG_NAMES['zh-CN'], value: 'zh-CN' },
          { label: LANG_NAMES['en-US'], value: 'en-US' },
        ]}
      />
    </div>
  );
}

// Language names are shown in their own language on purpose (not i18n keys).
export const LANG_NAMES: Record<Lang, string> = { 'zh-CN': '\u4e2d\u6587', 'en-US': 'English' };
