// An unconfirmed e-mail address: the person can read but not publish until they open the mailed
// link. These say so where it matters — a banner at the top of the page, and a notice in place of
// each form that would publish — each with a button that mails a new link.
import { useMutation } from '@tanstack/react-query';
import type { Me } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { describeError } from '../app-error.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useLocation } from '../router.tsx';
import { useMe } from '../session.ts';
import { SendButton } from '../ui/form-fields.tsx';

/** "Send a new link", with the outcome announced next to it (focus stays on the button). */
export function ResendVerificationButton({ email }: { email: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const resend = useMutation(trpc.accounts.resendVerification.mutationOptions());
  return (
    <div className="resend-verification">
      <SendButton pending={resend.isPending} label={t('verification.resend')} tone="secondary" onClick={() => resend.mutate()} />
      {/* Present before anything is said in it, so screen readers announce what appears. */}
      <p role="status" className="resend-verification-result">
        {resend.isSuccess ? t('verification.resent', { email }) : ''}
      </p>
      {resend.isError && (
        <p role="alert" className="resend-verification-error">
          {describeError(resend.error, i18n)}
        </p>
      )}
    </div>
  );
}

export type PublishingAction = 'ask' | 'answer' | 'create';

const REQUIRED_MESSAGE = {
  ask: 'verification.requiredAsk',
  answer: 'verification.requiredAnswer',
  create: 'verification.requiredCreate',
} as const;

/** Shown instead of a form that would publish, while the address is unconfirmed. */
export function VerificationRequiredNotice({ action, me }: { action: PublishingAction; me: Me }) {
  const { t } = useI18n();
  return (
    <div className="notice notice-warning verification-required">
      <p className="notice-title">{t('verification.requiredTitle')}</p>
      <p>{t(REQUIRED_MESSAGE[action], { email: me.email })}</p>
      <ResendVerificationButton email={me.email} />
    </div>
  );
}

/** Pages that explain the state themselves (or show the notice in place of their form). */
const PAGES_WITHOUT_BANNER = new Set(['/verify-email', '/account', '/dialogues/new', '/invitations/accept']);

/** At the top of main for a signed-in person whose address is not confirmed yet. No close button: it goes once they confirm. */
export function UnverifiedEmailBanner() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const me = useMe();
  if (!me.data || me.data.emailVerified || PAGES_WITHOUT_BANNER.has(pathname)) return null;
  return (
    <section className="notice notice-warning verification-banner" aria-labelledby="verification-banner-title">
      {/* Not a heading: it sits above the page's own <h1>. */}
      <p id="verification-banner-title" className="notice-title">
        {t('verification.bannerTitle')}
      </p>
      <p>{t('verification.banner', { email: me.data.email })}</p>
      <ResendVerificationButton email={me.data.email} />
    </section>
  );
}
