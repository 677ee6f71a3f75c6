// An owner invites a colleague to the organisation by e-mail, from its page.
import { useState } from 'react';
import { inviteMemberInput, type OrganisationView } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { FormAlert, SendButton, TextField } from '../ui/form-fields.tsx';
import { useOutcome } from '../ui/outcome.tsx';
import { useFormSubmission } from '../ui/use-form-submission.ts';
import { useI18n } from '../i18n/i18n.tsx';

const INVITE_FORM = 'invite';
const INVITE_FIELDS = ['email'];

export function InviteSection({ organisation }: { organisation: OrganisationView }) {
  const { t } = useI18n();
  const outcome = useOutcome();
  const [email, setEmail] = useState('');
  const invite = useFormSubmission({
    formId: INVITE_FORM,
    fields: INVITE_FIELDS,
    schema: inviteMemberInput,
    mutation: trpc.organisations.invite.mutationOptions({
      onSuccess: (_result, variables) => {
        setEmail('');
        outcome.show(t('organisation.invited', { email: variables.email }));
      },
    }),
  });

  return (
    <section aria-labelledby="invite-heading" className="page-section">
      <h2 id="invite-heading">{t('organisation.inviteTitle')}</h2>
      <p className="section-intro">{t('organisation.inviteIntro')}</p>
      <form
        className="form"
        onSubmit={(event) => {
          outcome.clear();
          invite.submit(event, { organisationId: organisation.id, email });
        }}
        noValidate
        aria-labelledby="invite-heading"
      >
        <FormAlert message={invite.formError} />
        <TextField
          formId={INVITE_FORM}
          name="email"
          type="email"
          label={t('organisation.inviteEmail')}
          issue={invite.errors.email}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          autoComplete="off"
        />
        <SendButton pending={invite.isPending} label={t('organisation.inviteSubmit')} />
      </form>
      {outcome.node}
    </section>
  );
}
