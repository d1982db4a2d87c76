import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import { jaMessages } from '../i18n/ja';

/** Deep merge: `fallback` fills what `primary` lacks (the community Japanese pack trails react-admin's keys). */
export function withFallback<T extends Record<string, unknown>>(primary: T, fallback: Record<string, unknown>): T {
  const result: Record<string, unknown> = { ...fallback };
  for (const [key, value] of Object.entries(primary)) {
    const base = result[key];
    result[key] =
      value && typeof value === 'object' && !Array.isArray(value) && base && typeof base === 'object' ? withFallback(value as Record<string, unknown>, base as Record<string, unknown>) : value;
  }
  return result as T;
}

const ja = withFallback(jaMessages, englishMessages as unknown as Record<string, unknown>);

/** Japanese by default; English loads on demand. */
export const i18nProvider = polyglotI18nProvider(
  (locale) => (locale === 'en' ? import('../i18n/en').then((module) => module.enMessages) : ja),
  'ja',
  [
    { locale: 'ja', name: '日本語' },
    { locale: 'en', name: 'English' },
  ],
  { allowMissing: true },
);
