// A file's size as people read it: "340 kB", "1,2 MB" in Swedish, "1.2 MB" in English (SI units, as
// file managers show them).
import type { Language } from '../i18n/i18n.tsx';

const LOCALES: Record<Language, string> = { sv: 'sv-SE', en: 'en-GB' };

export function formatFileSize(bytes: number, lang: Language): string {
  const number = (value: number, digits: number) => new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: digits }).format(value);
  if (bytes < 1000) return `${number(bytes, 0)} B`;
  if (bytes < 1_000_000) return `${number(bytes / 1000, 0)} kB`;
  return `${number(bytes / 1_000_000, 1)} MB`;
}
