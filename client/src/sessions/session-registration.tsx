// Signing up for a session, or saying why one cannot: full sessions put the person on the waitlist
// and say their place in it; the meeting link appears once they are registered.
import { useMutation } from '@tanstack/react-query';
import type { SessionView } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { useAnnounce } from '../ui/live-announcer.tsx';
import { LoginNotice } from '../ui/login-notice.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { RegistrationSection } from './registration-section.tsx';

export function SessionRegistration({ session }: { session: SessionView }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.sessions.pathKey() });
  const register = useMutation(
    trpc.sessions.register.mutationOptions({
      onSuccess: ({ state }) => {
        announce(t(state === 'registered' ? 'registration.registered' : 'registration.waitlisted'));
        void refresh();
      },
    }),
  );
  const unregister = useMutation(
    trpc.sessions.unregister.mutationOptions({
      onSuccess: () => {
        announce(t('registration.unregistered'));
        void refresh();
      },
    }),
  );
  const { viewer } = session;
  const error = register.error ?? unregister.error;

  let content;
  if (viewer.registration === 'registered') {
    content = <p className="notice notice-success">{t('registration.youAreRegistered')}</p>;
  } else if (viewer.registration === 'waitlisted') {
    content = <p className="notice notice-info">{t('registration.youAreWaiting', { position: viewer.waitlistPosition ?? '?' })}</p>;
  } else if (viewer.canRegister) {
    content = (
      <button type="button" className="button" aria-disabled={register.isPending} onClick={() => !register.isPending && register.mutate({ sessionId: session.id })}>
        {session.registeredCount >= session.capacity ? t('registration.joinWaitlist') : t('registration.register')}
      </button>
    );
  } else if (viewer.cannotRegisterBecause === 'signed-out') {
    content = <LoginNotice message={t('registration.loginFirst')} returnTo={`/sessions/${session.id}`} />;
  } else {
    content = <p className="notice notice-info">{t(`registration.cannot.${viewer.cannotRegisterBecause ?? 'closed'}`)}</p>;
  }

  return (
    <RegistrationSection
      headingId="registration-heading"
      unregister={viewer.registration !== null && session.status === 'scheduled' ? { confirm: () => unregister.mutate({ sessionId: session.id }), pending: unregister.isPending } : null}
      error={error}
    >
      {content}
    </RegistrationSection>
  );
}
