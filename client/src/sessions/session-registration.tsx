// Signing up for a session, or saying why one cannot: full sessions put the person on the waitlist
// and say their place in it; the meeting link appears once they are registered.
import { useMutation } from '@tanstack/react-query';
import type { SessionView } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { describeError } from '../app-error.ts';
import { ConfirmAction } from '../ui/confirm-action.tsx';
import { useAnnounce } from '../ui/live-announcer.tsx';
import { LoginNotice } from '../ui/login-notice.tsx';
import { useI18n } from '../i18n/i18n.tsx';

export function SessionRegistration({ session }: { session: SessionView }) {
  const i18n = useI18n();
  const { t } = i18n;
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
    <section aria-labelledby="registration-heading" className="page-section">
      <h2 id="registration-heading">{t('registration.title')}</h2>
      {content}
      {viewer.registration !== null && session.status === 'scheduled' && (
        <ConfirmAction
          label={t('registration.unregister')}
          question={t('registration.unregisterQuestion')}
          confirmLabel={t('registration.unregister')}
          onConfirm={() => unregister.mutate({ sessionId: session.id })}
          pending={unregister.isPending}
        />
      )}
      {error ? (
        <p className="inline-error" role="alert">
          {describeError(error, i18n)}
        </p>
      ) : null}
    </section>
  );
}
