// "/verify-email?token=" — the link in the confirmation mail. The address is confirmed as the page
// opens (and a browser signed in as nobody is signed in as its owner), exactly once: the request is kept per token for the life of the page, so React's
// StrictMode (which runs effects twice in development) or a remount cannot spend the one-time
// token twice and then report the second, refused attempt.
import { useEffect, useState } from 'react';
import { accountTokenSchema, type Me } from '@dialogforum/contracts';
import { queryClient, trpc, trpcClient } from '../api.ts';
import { appErrorCode, describeError } from '../app-error.ts';
import { ResendVerificationButton } from './email-verification.tsx';
import { PageHeading } from '../ui/page-heading.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, useLocation } from '../router.tsx';
import { sessionChanged, useMe } from '../session.ts';

type Outcome = { ok: true } | { ok: false; error: unknown };

const confirmations = new Map<string, Promise<Outcome>>();

function confirmOnce(token: string): Promise<Outcome> {
  let confirmation = confirmations.get(token);
  if (!confirmation) {
    confirmation = trpcClient.accounts.verifyEmail.mutate({ token }).then(
      async (): Promise<Outcome> => {
        // The link signs in a browser that was signed in as nobody (registration signs nobody in):
        // who is signed in, the banner, the forms and the live connection all follow at once.
        try {
          await sessionChanged(await trpcClient.accounts.me.query());
        } catch {
          void queryClient.invalidateQueries({ queryKey: trpc.accounts.me.queryKey() });
        }
        return { ok: true };
      },
      (error: unknown): Outcome => ({ ok: false, error }),
    );
    confirmations.set(token, confirmation);
  }
  return confirmation;
}

export function VerifyEmailPage() {
  const { t } = useI18n();
  const { search } = useLocation();
  const token = search.get('token') ?? '';
  const wellFormed = accountTokenSchema.safeParse(token).success;
  const me = useMe();
  const [attempt, setAttempt] = useState(0);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  useEffect(() => {
    if (!wellFormed) return;
    let current = true;
    void confirmOnce(token).then((result) => {
      if (current) setOutcome(result);
    });
    return () => {
      current = false;
    };
  }, [token, wellFormed, attempt]);

  const retry = () => {
    confirmations.delete(token);
    setOutcome(null);
    setAttempt((n) => n + 1);
  };

  const code = outcome && !outcome.ok ? appErrorCode(outcome.error) : null;
  const linkUnusable = !wellFormed || code === 'INVALID_TOKEN' || code === 'VALIDATION';
  let state: 'confirming' | 'confirmed' | 'invalid' | 'failed';
  if (linkUnusable) state = 'invalid';
  else if (!outcome || me.isPending) state = 'confirming';
  else if (outcome.ok) state = 'confirmed';
  else state = 'failed';

  return (
    <div className="narrow">
      <PageHeading>{t('verify.title')}</PageHeading>
      {/* One polite region, there from the start, says how it went. Actions follow outside it. */}
      <div role="status" className="outcome">
        {state === 'confirming' && (
          <p className="loading">
            <span className="spinner" aria-hidden="true" />
            {t('verify.confirming')}
          </p>
        )}
        {state === 'confirmed' && (
          <div className="notice notice-success">
            <p className="notice-title">{t('verify.success')}</p>
            <p>{me.data ? t('verify.successSignedIn') : t('verify.successSignedOut')}</p>
          </div>
        )}
        {state === 'invalid' && !me.isPending && <InvalidLinkMessage me={me.data ?? null} />}
        {state === 'failed' && outcome && !outcome.ok && <FailedMessage error={outcome.error} />}
      </div>

      {state === 'confirmed' && (
        <p>
          {me.data && !me.data.organisation ? (
            // A newcomer acts for no organisation yet: that is the next step.
            <Link to="/get-started" className="button">
              {t('getStarted.cta')}
            </Link>
          ) : me.data ? (
            <Link to="/" className="button">
              {t('verify.continue')}
            </Link>
          ) : (
            <Link to="/login" className="button">
              {t('nav.login')}
            </Link>
          )}
        </p>
      )}
      {state === 'invalid' && !me.isPending && <InvalidLinkActions me={me.data ?? null} />}
      {state === 'failed' && (
        <button type="button" className="button button-secondary" onClick={retry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

function InvalidLinkMessage({ me }: { me: Me | null }) {
  const { t } = useI18n();
  // Opened twice (or in a second tab): nothing is wrong, the address is confirmed.
  if (me?.emailVerified) {
    return (
      <div className="notice notice-success">
        <p className="notice-title">{t('verify.alreadyConfirmed', { email: me.email })}</p>
      </div>
    );
  }
  return (
    <div className="notice notice-error">
      <p className="notice-title">{t('verify.invalidTitle')}</p>
      <p>{t('verify.invalid')}</p>
      <p>{me ? t('verify.invalidSignedIn', { email: me.email }) : t('verify.invalidSignedOut')}</p>
    </div>
  );
}

function InvalidLinkActions({ me }: { me: Me | null }) {
  const { t } = useI18n();
  if (!me) {
    return (
      <p>
        <Link to={`/login?next=${encodeURIComponent('/account')}`} className="button">
          {t('nav.login')}
        </Link>
      </p>
    );
  }
  if (me.emailVerified) {
    return (
      <p>
        <Link to="/">{t('verify.continue')}</Link>
      </p>
    );
  }
  return <ResendVerificationButton email={me.email} />;
}

function FailedMessage({ error }: { error: unknown }) {
  const i18n = useI18n();
  return (
    <div className="notice notice-error">
      <p className="notice-title">{i18n.t('verify.failed')}</p>
      <p>{describeError(error, i18n)}</p>
    </div>
  );
}
