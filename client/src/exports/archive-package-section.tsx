// The operators' "Archive package" section on a dialogue's page: the dialogue's whole record as one
// ZIP for the agency's registry (JSON files, the PDF, the attached files and a checksum manifest).
// Shown to moderators and admins only; the server refuses anyone else. Fetched rather than linked,
// like the other exports, so the page can say that it is being made and why it failed.
import { useId, useState } from 'react';
import { describeError } from '../app-error.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { downloadArchivePackage } from './download-export.ts';
import { DownloadStatus, type DownloadProgress } from './download-status.tsx';

export function ArchivePackageSection({ dialogueId }: { dialogueId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [progress, setProgress] = useState<DownloadProgress>({ state: 'idle' });
  const id = useId();
  const working = progress.state === 'working';

  async function download() {
    setProgress({ state: 'working', message: t('archivePackage.working') });
    try {
      setProgress({ state: 'done', file: await downloadArchivePackage(dialogueId) });
    } catch (error) {
      setProgress({ state: 'failed', message: describeError(error, i18n) });
    }
  }

  return (
    <section aria-labelledby={`${id}-heading`} className="export page-section">
      <h2 id={`${id}-heading`}>{t('archivePackage.title')}</h2>
      <p className="section-intro" id={`${id}-about`}>
        {t('archivePackage.intro')}
      </p>
      <button
        type="button"
        className="button button-secondary"
        aria-describedby={`${id}-about`}
        aria-disabled={working}
        onClick={() => {
          if (!working) void download();
        }}
      >
        {t('archivePackage.download')}
      </button>
      <DownloadStatus progress={progress} />
    </section>
  );
}
