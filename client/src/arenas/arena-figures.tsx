// The arena's figures as a description list: each figure is a number with its words, so it reads
// the same to a screen reader as on screen.
import type { ArenaFigures as Figures } from '@dialogforum/contracts';
import { useI18n } from '../i18n/i18n.tsx';

export function ArenaFigures({ figures }: { figures: Figures }) {
  const { t, lang } = useI18n();
  const number = (value: number) => new Intl.NumberFormat(lang === 'sv' ? 'sv-SE' : 'en-GB').format(value);
  const share =
    figures.answeredShare === null
      ? t('arena.figures.noQuestions')
      : new Intl.NumberFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { style: 'percent', maximumFractionDigits: 0 }).format(figures.answeredShare);
  const rows: [string, string][] = [
    [t('arena.figures.dialogues'), number(figures.dialogues)],
    [t('arena.figures.open'), number(figures.openDialogues)],
    [t('arena.figures.published'), number(figures.publishedQuestions)],
    [t('arena.figures.answeredShare'), share],
    [t('arena.figures.library'), number(figures.libraryItems)],
  ];
  return (
    <section aria-labelledby="arena-figures-heading" className="page-section">
      <h2 id="arena-figures-heading">{t('arena.figures.title')}</h2>
      <dl className="figures">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
