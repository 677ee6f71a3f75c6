// What an export section says about its download: being made (polite), saved under which name, or
// why it failed (an alert). One component for the questions-and-answers exports and the archive
// package, so both speak alike to a screen reader.
import { useI18n } from '../i18n/i18n.tsx';

export type DownloadProgress = { state: 'idle' } | { state: 'working'; message: string } | { state: 'done'; file: string } | { state: 'failed'; message: string };

export function DownloadStatus({ progress }: { progress: DownloadProgress }) {
  const { t } = useI18n();
  return (
    <>
      <div role="status" className="form-status" aria-live="polite">
        {progress.state === 'working' && <p className="notice notice-info">{progress.message}</p>}
        {progress.state === 'done' && <p className="notice notice-success">{t('export.done', { file: progress.file })}</p>}
      </div>
      {progress.state === 'failed' && (
        <div className="notice notice-error" role="alert">
          <p className="notice-title">{t('export.failed')}</p>
          <p>{progress.message}</p>
        </div>
      )}
    </>
  );
}
