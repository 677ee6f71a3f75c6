// The dialogues a network owns jointly (on top of the dialogues' co-ownership), and linking one of
// the viewer's organisation's own dialogues whose every co-owner is a member.
import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { linkNetworkDialogueInput, type NetworkView } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { FormAlert, SelectField } from '../ui/form-fields.tsx';
import { useFormSubmission } from '../ui/use-form-submission.ts';
import { Link } from '../router.tsx';
import { useMe } from '../session.ts';
import { useNetworksText } from './networks-text.ts';

export function NetworkDialogues({ network }: { network: NetworkView }) {
  const { n } = useNetworksText();
  return (
    <section aria-labelledby="network-dialogues-heading" className="page-section">
      <h2 id="network-dialogues-heading">{n('dialogues')}</h2>
      {network.dialogues.length === 0 ? (
        <p className="empty-state">{n('noDialogues')}</p>
      ) : (
        <ul className="plain-list" aria-labelledby="network-dialogues-heading">
          {network.dialogues.map((dialogue) => (
            <li key={dialogue.id}>
              <Link to={`/dialogues/${encodeURIComponent(dialogue.id)}`}>{dialogue.title}</Link>
            </li>
          ))}
        </ul>
      )}
      {!network.dissolved && <LinkDialogue network={network} />}
    </section>
  );
}

const FORM = 'network-link-dialogue';

function LinkDialogue({ network }: { network: NetworkView }) {
  const { n, t } = useNetworksText();
  const me = useMe();
  const organisationId = me.data?.organisation?.id ?? '';
  const dialogues = useQuery(trpc.dialogues.list.queryOptions({ archived: false }));
  const linked = new Set(network.dialogues.map((dialogue) => dialogue.id));
  const own = (dialogues.data ?? []).filter((dialogue) => !linked.has(dialogue.id) && dialogue.owners.some((owner) => owner.id === organisationId));
  const [chosen, setChosen] = useState('');
  const form = useFormSubmission({
    formId: FORM,
    fields: ['dialogueId'],
    schema: linkNetworkDialogueInput,
    mutation: trpc.networks.linkDialogue.mutationOptions({
      onSuccess: () => {
        setChosen('');
        void queryClient.invalidateQueries({ queryKey: trpc.networks.pathKey() });
      },
    }),
  });
  if (!dialogues.isSuccess) return null;
  if (own.length === 0) return <p className="field-hint">{n('noOwnDialogues')}</p>;
  const shown = chosen || own[0]?.id || '';
  const submit = (event: FormEvent) => form.submit(event, { networkId: network.id, dialogueId: shown });
  return (
    <form className="form form-inline" id={FORM} noValidate onSubmit={submit} aria-label={n('linkDialogue')}>
      <FormAlert message={form.formError} />
      <SelectField formId={FORM} name="dialogueId" label={n('linkDialogue')} hint={n('linkHint')} issue={form.errors.dialogueId} value={shown} onChange={(event) => setChosen(event.target.value)}>
        {own.map((dialogue) => (
          <option key={dialogue.id} value={dialogue.id}>
            {dialogue.title}
          </option>
        ))}
      </SelectField>
      <button type="submit" className="button button-secondary" disabled={form.isPending}>
        {form.isPending ? t('common.sending') : n('linkSubmit')}
      </button>
    </form>
  );
}
