// Whether the page is receiving live updates. Shown as text with a shape, not colour alone, and as a
// status region so a change (live → reconnecting) is announced.
import { useI18n } from '../i18n/i18n.tsx';
import { useConnectionStatus } from '../realtime.ts';

export function ConnectionStatus() {
  const { t } = useI18n();
  const status = useConnectionStatus();
  return (
    <p className={`connection-status connection-${status}`} role="status" data-status={status}>
      <span className="connection-indicator" aria-hidden="true" />
      {t(`live.${status}`)}
    </p>
  );
}
