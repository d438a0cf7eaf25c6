// Composable: code labels and bilingual API labels in the current locale.
import { useI18n } from 'vue-i18n';
import { codeLabelFrom, type CodeGroup } from './codes';

export function useCodes() {
  const { locale, getLocaleMessage } = useI18n();
  const code = (group: CodeGroup, value: string | null | undefined): string =>
    codeLabelFrom(getLocaleMessage(locale.value) as Record<string, unknown>, group, value);
  // A label the API gives in both languages (label_zh / label_en), else the code's label.
  const bilingual = (item: { label_zh?: string; label_en?: string }, group: CodeGroup, value: string): string => {
    const given = locale.value === 'en' ? item.label_en : item.label_zh;
    return given || code(group, value);
  };
  return { code, bilingual, locale };
}
