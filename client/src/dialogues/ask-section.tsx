// The dialogue page's ask section: the form for whoever may ask before the deadline, and otherwise
// why not and what to do (log in, confirm the address, join an organisation); after the deadline or
// once archived, a question the server refused stays on the page to copy.
import type { DialogueView } from '@dialogforum/contracts';
import { VerificationRequiredNotice } from '../accounts/email-verification.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, useLocation } from '../router.tsx';
import { useMe } from '../session.ts';
import { AskQuestionForm, useQuestionDraft, type QuestionDraft } from '../threads/ask-question-form.tsx';
import { Loading } from '../ui/query-states.tsx';

export function AskSection({ dialogue, deadlinePassed }: { dialogue: DialogueView; deadlinePassed: boolean }) {
  const { t } = useI18n();
  const me = useMe();
  const { pathname } = useLocation();
  const [draft, setDraft] = useQuestionDraft();

  let content;
  if (deadlinePassed || dialogue.archivedAt) {
    content = (
      <>
        <p className="notice notice-warning" role="status">
          <strong>{t(dialogue.archivedAt ? 'ask.archived' : 'ask.deadlinePassed')}</strong>
        </p>
        <UnsentDraft draft={draft} />
      </>
    );
  } else if (me.isPending) {
    content = <Loading />;
  } else if (!me.data) {
    const next = encodeURIComponent(pathname);
    content = (
      <p className="notice notice-info">
        <Link to={`/login?next=${next}`}>{t('ask.loginPrompt')}</Link> {t('ask.loginOr')}{' '}
        <Link to={`/register?next=${next}`}>{t('ask.registerPrompt')}</Link>.
      </p>
    );
  } else if (dialogue.viewer.isOwner) {
    content = <p className="notice notice-info">{t('ask.ownerCannotAsk')}</p>;
  } else if (!me.data.emailVerified) {
    // Asking needs a confirmed address, and the server does not offer it before (canAsk is false):
    // say what to do rather than "you cannot ask".
    content = <VerificationRequiredNotice action="ask" me={me.data} />;
  } else if (!me.data.organisation) {
    // Questions are asked for an organisation: a newcomer joins or creates theirs first.
    content = (
      <p className="notice notice-info">
        {t('ask.needsOrganisation')} <Link to="/get-started">{t('getStarted.cta')}</Link>
      </p>
    );
  } else if (!dialogue.viewer.canAsk) {
    content = <p className="notice notice-info">{t('ask.notAllowed')}</p>;
  } else {
    content = (
      <>
        <p>{t(dialogue.qaMode === 'moderated' ? 'ask.introModerated' : 'ask.intro')}</p>
        <AskQuestionForm dialogue={dialogue} values={draft} setValues={setDraft} />
      </>
    );
  }

  return (
    <section aria-labelledby="ask-heading" className="ask">
      <h2 id="ask-heading">{t('ask.title')}</h2>
      {content}
    </section>
  );
}

/** A question the dialogue closed under (the server said so): the text stays, to copy. */
function UnsentDraft({ draft }: { draft: QuestionDraft }) {
  const { t } = useI18n();
  if (draft.title.trim() === '' && draft.body.trim() === '') return null;
  return (
    <div className="unsent-draft">
      <p id="unsent-draft-label">{t('ask.unsentDraft')}</p>
      <textarea aria-labelledby="unsent-draft-label" readOnly rows={6} value={`${draft.title}\n\n${draft.body}`.trim()} />
    </div>
  );
}
