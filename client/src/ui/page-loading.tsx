// A page's code is fetched the first time it is shown (routes.ts). Meanwhile a polite status says
// the page is loading; if its code cannot be fetched (offline, or a new release replaced the file
// this tab knew of), the reader is told so and offered a reload instead of a blank page.
import { Component, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { Loading } from './query-states.tsx';

export function PageLoading() {
  const { t } = useI18n();
  return (
    <div aria-busy="true">
      <Loading label={t('page.loading')} />
    </div>
  );
}

function PageLoadFailed() {
  const { t } = useI18n();
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">{t('page.loadFailedTitle')}</p>
      <p>{t('page.loadFailed')}</p>
      <button type="button" className="button" onClick={() => window.location.reload()}>
        {t('page.reload')}
      </button>
    </div>
  );
}

/** Catches a page whose code did not load; the page frame around it stays usable. */
export class PageLoadBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    return this.state.failed ? <PageLoadFailed /> : this.props.children;
  }
}
