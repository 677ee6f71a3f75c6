// "/invitations/accept?token=" — the link in an invitation mail. The invitation is for the address
// it was sent to, so the person signs in (or registers) with that address and confirms it first;
// then the page accepts as it opens, exactly once per person and token: the request is kept for the
// life of the page, so React's StrictMode (effects run twice in development) or a remount cannot
// spend the one-time token twice and then report the second, refused attempt.
import { useEffect, useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { accountTokenSchema, type Me } from '@dialogforum/contracts';
import { trpc, trpcClient } from '../api.ts';
import { appErrorCode, describeError } from '../app-error.ts';
import { ResendVerificationButton } from '../accounts/email-verification.tsx';
import { PageHeading } from '../ui/page-heading.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, navigate, useLocation } from '../router.tsx';
import { sessionChanged, useMe, viewerChanged } from '../session.ts';
import { SendButton } from '../ui/form-fields.tsx';
import { InlineError } from '../ui/query-states.tsx';

type Outcome = { ok: true; organisationId: string } | { ok: false; error: unknown };

const acceptances = new Map<string, Promise<Outcome>>();

function acceptOnce(userId: string, token: string): Promise<Outcome> {
  const key = `${userId}:${token}`;
  let acceptance = acceptances.get(key);
  if (!acceptance) {
    acceptance = trpcClient.organisations.acceptInvitation.mutate({ token }).then(
      ({ organisationId }): Outcome => {
        // A new membership: lists, the organisation this person acts for, and their rooms follow.
        void viewerChanged();
        return { ok: true, organisationId };
      },
      (error: unknown): Outcome => ({ ok: false, error }),
    );
    acceptances.set(key, acceptance);
  }
  return acceptance;
}

export function InvitationAcceptPage() {
  const { t } = useI18n();
  const { search, pathname } = useLocation();
  const token = search.get('token') ?? '';
  const wellFormed = accountTokenSchema.safeParse(token).success;
  const me = useMe();
  const here = `${pathname}?token=${encodeURIComponent(token)}`;
  const canAccept = wellFormed && Boolean(me.data?.emailVerified);
  const userId = me.data?.id ?? '';
  const [attempt, setAttempt] = useState(0);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  useEffect(() => {
    if (!canAccept || !userId) return;
    let current = true;
    void acceptOnce(userId, token).then((result) => {
      if (current) setOutcome(result);
    });
    return () => {
      current = false;
    };
  }, [token, userId, canAccept, attempt]);

  const retry = () => {
    acceptances.delete(`${userId}:${token}`);
    setOutcome(null);
    setAttempt((n) => n + 1);
  };

  const code = outcome && !outcome.ok ? appErrorCode(outcome.error) : null;
  let state: 'checking' | 'signedOut' | 'unconfirmed' | 'accepting' | 'accepted' | 'invalid' | 'failed';
  if (!wellFormed || code === 'INVALID_TOKEN' || code === 'VALIDATION') state = 'invalid';
  else if (me.isPending) state = 'checking';
  else if (!me.data) state = 'signedOut';
  else if (!me.data.emailVerified) state = 'unconfirmed';
  else if (!outcome) state = 'accepting';
  else if (outcome.ok) state = 'accepted';
  else state = 'failed';

  return (
    <div className="narrow">
      <PageHeading>{t('invitation.title')}</PageHeading>
      {/* One polite region, there from the start, says how it went. Actions follow outside it. */}
      <div role="status" className="outcome">
        {(state === 'checking' || state === 'accepting') && (
          <p className="loading">
            <span className="spinner" aria-hidden="true" />
            {t('invitation.accepting')}
          </p>
        )}
        {state === 'accepted' && outcome?.ok && <AcceptedMessage organisationId={outcome.organisationId} />}
        {state === 'invalid' && <InvalidMessage me={me.data ?? null} malformed={!wellFormed} />}
        {state === 'failed' && outcome && !outcome.ok && <FailedMessage error={outcome.error} />}
      </div>

      {state === 'signedOut' && (
        <div className="notice notice-info">
          <p className="notice-title">{t('invitation.signInTitle')}</p>
          <p>{t('invitation.signIn')}</p>
          <p className="notice-actions">
            <Link to={`/login?next=${encodeURIComponent(here)}`} className="button">
              {t('nav.login')}
            </Link>
            <Link to={`/register?next=${encodeURIComponent(here)}`} className="button button-secondary">
              {t('invitation.register')}
            </Link>
          </p>
        </div>
      )}
      {state === 'unconfirmed' && me.data && (
        <div className="notice notice-warning">
          <p className="notice-title">{t('verification.requiredTitle')}</p>
          <p>{t('invitation.confirmFirst', { email: me.data.email })}</p>
          <ResendVerificationButton email={me.data.email} />
        </div>
      )}
      {state === 'accepted' && outcome?.ok && (
        <p>
          <Link to={`/organisations/${encodeURIComponent(outcome.organisationId)}`} className="button">
            {t('invitation.toOrganisation')}
          </Link>
        </p>
      )}
      {state === 'invalid' && <InvalidActions me={me.data ?? null} here={here} />}
      {state === 'failed' && (
        <button type="button" className="button button-secondary" onClick={retry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

function FailedMessage({ error }: { error: unknown }) {
  const i18n = useI18n();
  return (
    <div className="notice notice-error">
      <p className="notice-title">{i18n.t('invitation.failed')}</p>
      <p>{describeError(error, i18n)}</p>
    </div>
  );
}

function AcceptedMessage({ organisationId }: { organisationId: string }) {
  const { t } = useI18n();
  const organisation = useQuery(trpc.organisations.get.queryOptions({ organisationId }));
  const name = organisation.data?.name;
  return (
    <div className="notice notice-success">
      <p className="notice-title">{name ? t('invitation.acceptedNamed', { name }) : t('invitation.accepted')}</p>
      <p>{t('invitation.acceptedNext')}</p>
    </div>
  );
}

function InvalidMessage({ me, malformed }: { me: Me | null; malformed: boolean }) {
  const { t } = useI18n();
  return (
    <div className="notice notice-error">
      <p className="notice-title">{t('invitation.invalidTitle')}</p>
      {/* A link cut short in copying never reached the server; the server's refusal has four causes. */}
      <p>{malformed ? t('invitation.malformed') : t('invitation.invalid')}</p>
      {me && !malformed && <p>{t('invitation.invalidSignedInAs', { email: me.email })}</p>}
    </div>
  );
}

/**
 * Signed in with another address than the one invited: log out and in again as the right person,
 * back to this page (the link still works: a refused attempt does not spend it).
 */
function InvalidActions({ me, here }: { me: Me | null; here: string }) {
  const { t } = useI18n();
  const switchAccount = useMutation(
    trpc.accounts.logout.mutationOptions({
      onSuccess: () => {
        void sessionChanged(null);
        navigate(`/login?next=${encodeURIComponent(here)}`);
      },
    }),
  );
  return (
    <div className="notice-actions">
      {me ? (
        <SendButton pending={switchAccount.isPending} label={t('invitation.switchAccount')} tone="secondary" onClick={() => switchAccount.mutate()} />
      ) : (
        <Link to={`/login?next=${encodeURIComponent(here)}`} className="button button-secondary">
          {t('nav.login')}
        </Link>
      )}
      <Link to="/organisations">{t('invitation.toOrganisations')}</Link>
      <InlineError error={switchAccount.error} />
    </div>
  );
}
