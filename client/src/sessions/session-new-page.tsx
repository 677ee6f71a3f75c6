// "/dialogues/:id/sessions/new" — a buyer of the dialogue plans a live session.
import { HostsPage } from '../dialogues/hosts-page.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { navigate } from '../router.tsx';
import { SessionForm } from './session-form.tsx';

export function SessionNewPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const dialogueId = params.id ?? '';
  return (
    <HostsPage
      dialogueId={dialogueId}
      heading={t('sessionForm.heading')}
      intro={t('sessionForm.intro')}
      onlyHosts={t('sessionForm.onlyHosts')}
      form={<SessionForm dialogueId={dialogueId} session={null} onSaved={(sessionId) => navigate(`/sessions/${sessionId}`)} />}
    />
  );
}
