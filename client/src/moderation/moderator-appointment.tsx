import { useState, type FormEvent } from 'react';
import { setModeratorInput } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { FormAlert, TextField } from '../ui/form-fields.tsx';
import { useOutcome } from '../ui/outcome.tsx';
import { useFormSubmission } from '../ui/use-form-submission.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { AUDIT_LOG_KEY } from './audit-log.tsx';

const MODERATOR_FORM = 'moderator';
const MODERATOR_FIELDS = ['email'];

/**
 * Admins appoint and dismiss moderators by the account's e-mail address. One field, two buttons:
 * the one pressed says which (Enter in the field appoints). The outcome is announced politely and
 * focus stays on the button that was pressed.
 */
export function ModeratorAppointment() {
  const { t } = useI18n();
  const outcome = useOutcome();
  const [email, setEmail] = useState('');
  const appoint = useFormSubmission({
    formId: MODERATOR_FORM,
    fields: MODERATOR_FIELDS,
    schema: setModeratorInput,
    mutation: trpc.accounts.setModerator.mutationOptions({
      onSuccess: (_result, variables) => {
        setEmail('');
        void queryClient.invalidateQueries({ queryKey: AUDIT_LOG_KEY });
        outcome.show(t(variables.moderator ? 'moderators.appointed' : 'moderators.dismissed', { email: variables.email }));
      },
    }),
    explain: (code) => {
      if (code === 'NOT_FOUND') return { message: t('moderators.notFound', { email: email.trim() }) };
      if (code === 'FORBIDDEN') return { message: t('moderators.forbidden') };
      return undefined;
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    event.preventDefault();
    if (appoint.isPending) return;
    outcome.clear();
    appoint.submit(event, { email: email.trim(), moderator: submitter?.getAttribute('value') !== 'dismiss' });
  };

  return (
    <section aria-labelledby="moderators-heading" className="page-section">
      <h2 id="moderators-heading">{t('moderators.title')}</h2>
      <p className="section-intro">{t('moderators.intro')}</p>
      <form className="form" onSubmit={submit} noValidate aria-label={t('moderators.formLabel')}>
        <FormAlert message={appoint.formError} />
        <TextField
          formId={MODERATOR_FORM}
          name="email"
          type="email"
          label={t('moderators.field')}
          issue={appoint.errors.email}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
        <div className="form-actions">
          {/* aria-disabled, not disabled: the pressed button keeps focus while the request runs. */}
          <button type="submit" name="action" value="appoint" className="button" aria-disabled={appoint.isPending}>
            {t('moderators.appoint')}
          </button>
          <button type="submit" name="action" value="dismiss" className="button button-secondary" aria-disabled={appoint.isPending}>
            {t('moderators.dismiss')}
          </button>
        </div>
      </form>
      {outcome.node}
    </section>
  );
}
