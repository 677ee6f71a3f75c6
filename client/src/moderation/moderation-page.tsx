// "/moderation" — for moderators and admins: reported posts, buyer organisations waiting to be verified, for admins
// appointing and dismissing moderators and the events the platform could not handle, and the audit
// log. Anyone else is told plainly that the page is not for them (the server refuses them the data too).
import { LoginNotice } from '../ui/login-notice.tsx';
import { PageHeading } from '../ui/page-heading.tsx';
import { Loading } from '../ui/query-states.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { AuditLog } from './audit-log.tsx';
import { DeadLetters } from './dead-letters.tsx';
import { FlagQueue } from './flag-queue.tsx';
import { ModeratorAppointment } from './moderator-appointment.tsx';
import { NotAllowed } from './not-allowed.tsx';
import { VerificationQueue } from './verification-queue.tsx';
import { FeedbackList } from '../public-service/feedback-list.tsx';
import { isModerator, useMe } from '../session.ts';

export function ModerationPage() {
  const { t } = useI18n();
  const me = useMe();

  let content;
  if (me.isPending) content = <Loading />;
  else if (!me.data) {
    content = <LoginNotice message={t('moderation.needsLogin')} returnTo="/moderation" />;
  } else if (!isModerator(me.data)) {
    content = <NotAllowed />;
  } else {
    const admin = me.data.platformRole === 'admin';
    content = (
      <>
        <FlagQueue admin={admin} />
        <VerificationQueue />
        {admin && <ModeratorAppointment />}
        {admin && <DeadLetters />}
        {admin && <FeedbackList />}
        <AuditLog />
      </>
    );
  }

  return (
    <>
      <div className="page-intro">
        <PageHeading>{t('moderation.title')}</PageHeading>
        {isModerator(me.data) && <p>{t('moderation.intro')}</p>}
      </div>
      {content}
    </>
  );
}
