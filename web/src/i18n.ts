// vue-i18n set-up: zh-CN (default) and English, the choice remembered in localStorage.
import { createI18n } from 'vue-i18n';
import zhCN from './locales/zh-CN';
import en from './locales/en';

export type Locale = 'zh-CN' | 'en';
export const LOCALE_KEY = 'xj.locale';

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(LOCALE_KEY);
    if (saved === 'en' || saved === 'zh-CN') return saved;
  } catch { /* storage unavailable */ }
  return 'zh-CN';
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
  missingWarn: false,
  fallbackWarn: false,
});

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  try { localStorage.setItem(LOCALE_KEY, locale); } catch { /* storage unavailable */ }
}
