// The dialogue's "Export" section: its published questions and answers as a PDF document, CSV or
// OCDS JSON, in Swedish or English (the page's language unless chosen). The file is fetched rather
// than linked, so the page can say that a PDF is being made and, if the server refuses (too many
// exports, the dialogue no longer visible), why — in the reader's language.
import { EXPORT_FORMATS, type ExportFormat } from '@dialogforum/contracts';
import { useId, useState } from 'react';
import { describeError } from '../app-error.ts';
import { LANGUAGE_NAMES, LANGUAGES, useI18n, type Language } from '../i18n/i18n.tsx';
import { downloadExport } from './download-export.ts';
import { DownloadStatus } from './download-status.tsx';

type Progress = { state: 'idle' } | { state: 'working'; format: ExportFormat } | { state: 'done'; file: string } | { state: 'failed'; message: string };

export function ExportSection({ dialogueId }: { dialogueId: string }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [chosen, setChosen] = useState<Language | null>(null);
  const [progress, setProgress] = useState<Progress>({ state: 'idle' });
  const language = chosen ?? lang;
  const id = useId();

  async function download(format: ExportFormat) {
    setProgress({ state: 'working', format });
    try {
      const file = await downloadExport(dialogueId, format, language);
      setProgress({ state: 'done', file });
    } catch (error) {
      setProgress({ state: 'failed', message: describeError(error, i18n) });
    }
  }

  const working = progress.state === 'working';
  return (
    <section aria-labelledby="export-heading" className="export page-section">
      <h2 id="export-heading">{t('export.title')}</h2>
      <p className="section-intro">{t('export.intro')}</p>
      <div className="field field-inline">
        <label htmlFor={`${id}-language`}>{t('export.language')}</label>
        <select id={`${id}-language`} value={language} onChange={(event) => setChosen(event.target.value as Language)}>
          {LANGUAGES.map((option) => (
            <option key={option} value={option} lang={option}>
              {LANGUAGE_NAMES[option]}
            </option>
          ))}
        </select>
      </div>
      <ul className="export-formats">
        {EXPORT_FORMATS.map((format) => (
          <li key={format}>
            <button
              type="button"
              className="button button-secondary"
              aria-describedby={`${id}-${format}`}
              aria-disabled={working}
              onClick={() => {
                if (!working) void download(format);
              }}
            >
              {t(`export.download.${format}`)}
            </button>
            <p id={`${id}-${format}`} className="field-hint">
              {t(`export.about.${format}`)}
            </p>
          </li>
        ))}
      </ul>
      <DownloadStatus progress={progress.state === 'working' ? { state: 'working', message: t(`export.working.${progress.format}`) } : progress} />
    </section>
  );
}
