// "/dialogues/:id/rounds/new" — a buyer of the dialogue opens a round of one-to-one meetings.
import { HostsPage } from '../dialogues/hosts-page.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { navigate } from '../router.tsx';
import { MeetingRoundForm } from './meeting-round-form.tsx';

export function MeetingRoundNewPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const dialogueId = params.id ?? '';
  return (
    <HostsPage
      dialogueId={dialogueId}
      heading={t('roundForm.heading')}
      intro={t('roundForm.intro')}
      onlyHosts={t('roundForm.onlyHosts')}
      form={<MeetingRoundForm dialogueId={dialogueId} onSaved={(roundId) => navigate(`/rounds/${roundId}`)} />}
    />
  );
}
