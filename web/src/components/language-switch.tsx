// The visible language switch; the choice is remembered (i18n/context.tsx).
import { useI18n } from '../i18n/context.js';
import { isLang } from '../i18n/lang.js';

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <select className="lang" aria-label={t('language')} value={lang} onChange={(e) => isLang(e.target.value) && setLang(e.target.value)}>
      <option value="en" lang="en">English</option>
      <option value="ru" lang="ru">Русский</option>
    </select>
  );
}
