// What the reader's organisation does in a consortium: confirm its invitation (choosing the
// visibility it agrees to) or decline it, change its choice, leave; the lead removes a member with
// a reason. Every act is recorded by the server; nothing here deletes anything.
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { ConsortiumView, ConsortiumVisibility, OrganisationRef } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { describeError } from '../app-error.ts';
import { ConfirmAction } from '../ui/confirm-action.tsx';
import { DisclosureAction } from '../ui/disclosure-action.tsx';
import { FormAlert, RadioGroup, TextField } from '../ui/form-fields.tsx';
import { useConsortiaText } from './consortia-text.ts';

const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.consortia.pathKey() });

export function ConsortiumActions({ consortium }: { consortium: ConsortiumView }) {
  const { c, ...i18n } = useConsortiaText();
  const { viewer } = consortium;
  const [choice, setChoice] = useState<ConsortiumVisibility>(viewer.choice ?? 'buyer');
  const confirm = useMutation(trpc.consortia.confirm.mutationOptions({ onSuccess: refresh }));
  const decline = useMutation(trpc.consortia.decline.mutationOptions({ onSuccess: refresh }));
  const choose = useMutation(trpc.consortia.chooseVisibility.mutationOptions({ onSuccess: refresh }));
  const leave = useMutation(trpc.consortia.leave.mutationOptions({ onSuccess: refresh }));
  const failed = confirm.error ?? decline.error ?? choose.error ?? leave.error;
  if (!viewer.canConfirm && !viewer.canChooseVisibility && !viewer.canLeave) return null;
  const visibilityChoice = (
    <RadioGroup<ConsortiumVisibility> formId="consortium-choice" name="visibility" label={c('yourChoice')} hint={c('visibilityHint')} value={choice} onChange={setChoice}
      options={[
        { value: 'buyer', label: c('visibility.buyer') },
        { value: 'public', label: c('visibility.public') },
      ]} />
  );
  return (
    <section aria-labelledby="consortium-actions-heading" className="page-section">
      <h2 id="consortium-actions-heading">{viewer.actsAs?.name}</h2>
      <FormAlert message={failed ? describeError(failed, i18n) : null} />
      {viewer.canConfirm ? (
        <form className="form" id="consortium-choice" noValidate
          onSubmit={(event) => {
            event.preventDefault();
            confirm.mutate({ consortiumId: consortium.id, visibility: choice });
          }}>
          <p>{c('confirmIntro', { organisation: viewer.actsAs?.name ?? '' })}</p>
          {visibilityChoice}
          <button type="submit" className="button" disabled={confirm.isPending}>
            {c('confirm')}
          </button>{' '}
          <ConfirmAction label={c('decline')} question={c('declineQuestion')} confirmLabel={c('decline')} pending={decline.isPending}
            onConfirm={() => decline.mutate({ consortiumId: consortium.id })} />
        </form>
      ) : (
        viewer.canChooseVisibility && (
          <form className="form" id="consortium-choice" noValidate
            onSubmit={(event) => {
              event.preventDefault();
              choose.mutate({ consortiumId: consortium.id, visibility: choice });
            }}>
            {visibilityChoice}
            <button type="submit" className="button button-secondary" disabled={choose.isPending}>
              {c('saveChoice')}
            </button>
            {choose.isSuccess && <span role="status"> {c('done')}</span>}
          </form>
        )
      )}
      {viewer.canLeave && (
        <p>
          <ConfirmAction label={c('leave')} question={c('leaveQuestion')} confirmLabel={c('leave')} pending={leave.isPending}
            onConfirm={() => leave.mutate({ consortiumId: consortium.id })} />
        </p>
      )}
    </section>
  );
}

/** The lead removes a member (or withdraws an invitation) with a reason, kept in the history. */
export function MemberRemoval({ consortiumId, organisation }: { consortiumId: string; organisation: OrganisationRef }) {
  const { c, ...i18n } = useConsortiaText();
  const [reason, setReason] = useState('');
  const remove = useMutation(trpc.consortia.remove.mutationOptions({ onSuccess: refresh }));
  const formId = `remove-${organisation.id}`;
  return (
    <>
      {' '}
      <DisclosureAction label={c('remove')} context={organisation.name} regionId={formId}>
        {() => (
          <form className="form" id={formId} noValidate
            onSubmit={(event) => {
              event.preventDefault();
              remove.mutate({ consortiumId, organisationId: organisation.id, reason: reason.trim() });
            }}>
            <FormAlert message={remove.error ? describeError(remove.error, i18n) : null} />
            <TextField formId={formId} name="reason" label={c('removeReason', { organisation: organisation.name })} value={reason} maxLength={300} onChange={(event) => setReason(event.target.value)} />
            <button type="submit" className="button button-danger" disabled={remove.isPending}>
              {c('removeSubmit')}
            </button>
          </form>
        )}
      </DisclosureAction>
    </>
  );
}
