// "/networks" — the networks the viewer's organisation is in (or invited to, or has asked to join),
// and the form to form a new one. For verified buyers only; everyone else is told so.
import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { createNetworkInput, type ArenaId, type NetworkJoining } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { arenaOptions, isArenaId } from '../arena-names.ts';
import { VerificationRequiredNotice } from '../accounts/email-verification.tsx';
import { FormAlert, RadioGroup, SelectField, TextArea, TextField } from '../ui/form-fields.tsx';
import { LoginNotice } from '../ui/login-notice.tsx';
import { PageHeading } from '../ui/page-heading.tsx';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { useFormSubmission } from '../ui/use-form-submission.ts';
import { navigate, useLocation } from '../router.tsx';
import { useMe } from '../session.ts';
import { NetworkList } from './network-list.tsx';
import { useNetworksText } from './networks-text.ts';

export function NetworksPage() {
  const { n } = useNetworksText();
  const { pathname, search } = useLocation();
  const me = useMe();
  let content;
  if (me.isPending) content = <Loading />;
  else if (!me.data) content = <LoginNotice message={n('onlyBuyers')} returnTo={`${pathname}?${search.toString()}`} />;
  else if (!me.data.emailVerified) content = <VerificationRequiredNotice action="create" me={me.data} />;
  else if (!(me.data.organisation?.kind === 'buyer' && me.data.organisation.verified)) content = <p className="notice notice-info">{n('onlyBuyers')}</p>;
  else
    content = (
      <>
        <MyNetworks />
        <NewNetworkForm />
      </>
    );
  return (
    <>
      <div className="page-intro">
        <PageHeading>{n('title')}</PageHeading>
        <p>{n('intro')}</p>
      </div>
      {content}
    </>
  );
}

function MyNetworks() {
  const { n } = useNetworksText();
  const mine = useQuery(trpc.networks.mine.queryOptions());
  return (
    <section aria-labelledby="my-networks-heading" className="page-section">
      <h2 id="my-networks-heading">{n('mine')}</h2>
      {mine.isPending ? (
        <Loading />
      ) : mine.isError ? (
        <ErrorNotice title={n('listError')} error={mine.error} onRetry={() => void mine.refetch()} />
      ) : mine.data.length === 0 ? (
        <p className="empty-state">{n('noneMine')}</p>
      ) : (
        <NetworkList networks={mine.data} labelledBy="my-networks-heading" />
      )}
    </section>
  );
}

const FORM = 'network-create';

function NewNetworkForm() {
  const { n, t, lang } = useNetworksText();
  const { search } = useLocation();
  const preset = search.get('arena');
  const [name, setName] = useState('');
  const [purpose, setPurpose] = useState('');
  const [arenaId, setArenaId] = useState<ArenaId>(isArenaId(preset) ? preset : 'healthcare');
  const [joining, setJoining] = useState<NetworkJoining | ''>('');
  const form = useFormSubmission({
    formId: FORM,
    fields: ['name', 'purpose', 'arenaId', 'joining'],
    schema: createNetworkInput,
    mutation: trpc.networks.create.mutationOptions({
      onSuccess: ({ networkId }) => {
        void queryClient.invalidateQueries({ queryKey: trpc.networks.pathKey() });
        navigate(`/networks/${encodeURIComponent(networkId)}`);
      },
    }),
  });
  const submit = (event: FormEvent) => form.submit(event, { name, purpose, arenaId, joining });
  return (
    <section aria-labelledby="network-create-heading" className="page-section">
      <h2 id="network-create-heading">{n('create')}</h2>
      <form className="form" id={FORM} noValidate onSubmit={submit} aria-labelledby="network-create-heading">
        <FormAlert message={form.formError} />
        <TextField formId={FORM} name="name" label={n('fieldName')} issue={form.errors.name} value={name} onChange={(event) => setName(event.target.value)} maxLength={120} autoComplete="off" />
        <TextArea formId={FORM} name="purpose" label={n('fieldPurpose')} issue={form.errors.purpose} value={purpose} onChange={(event) => setPurpose(event.target.value)} maxLength={4000} />
        <SelectField formId={FORM} name="arenaId" label={n('fieldArena')} issue={form.errors.arenaId} value={arenaId} onChange={(event) => setArenaId(event.target.value as ArenaId)}>
          {arenaOptions(lang).map((arena) => (
            <option key={arena.id} value={arena.id}>
              {arena.name}
            </option>
          ))}
        </SelectField>
        <RadioGroup<NetworkJoining> formId={FORM} name="joining" label={n('joining')} issue={form.errors.joining} value={joining} onChange={setJoining}
          options={[
            { value: 'on-request', label: n('joining.on-request') },
            { value: 'invitation', label: n('joining.invitation') },
          ]} />
        <button type="submit" className="button" disabled={form.isPending}>
          {form.isPending ? t('common.sending') : n('createSubmit')}
        </button>
      </form>
    </section>
  );
}
