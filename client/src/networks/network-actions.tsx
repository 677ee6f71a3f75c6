// What an organisation does about its place in a network: ask to join, answer an invitation; and
// what the network's admins do: answer requests, invite, remove, dissolve. Every act that ends a
// membership asks for its reason, which stays on the network's record. An act whose button goes
// away with it says its outcome where it was, focused, so keyboard users keep their place.
import { useRef, useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { dissolveNetworkInput, leaveNetworkInput, removeFromNetworkInput, type NetworkView } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { describeError } from '../app-error.ts';
import { ActionForm } from '../ui/action-form.tsx';
import { DisclosureAction } from '../ui/disclosure-action.tsx';
import { FormAlert, TextField } from '../ui/form-fields.tsx';
import { useOutcome } from '../ui/outcome.tsx';
import { formatDate } from '../i18n/date-format.ts';
import { useNetworksText } from './networks-text.ts';

const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.networks.pathKey() });

/** A refused act, said in words beside its button. */
function ActError({ error }: { error: unknown }) {
  const text = useNetworksText();
  return <FormAlert message={error ? describeError(error, text) : null} />;
}

/** Asking to join an open network, or answering the organisation's invitation. */
export function JoinActions({ network }: { network: NetworkView }) {
  const outcome = useOutcome();
  return (
    <>
      {outcome.node}
      <JoinButtons network={network} onDone={(message) => outcome.show(message, { focus: true })} />
    </>
  );
}

function JoinButtons({ network, onDone }: { network: NetworkView; onDone: (message: string) => void }) {
  const { n } = useNetworksText();
  const request = useMutation(trpc.networks.requestToJoin.mutationOptions({ onSuccess: () => (onDone(n('done.requested')), refresh()) }));
  const answer = useMutation(
    trpc.networks.answerInvitation.mutationOptions({ onSuccess: (_data, { accept }) => (onDone(n(accept ? 'done.joined' : 'done.declined')), refresh()) }),
  );
  if (network.standing === 'requested') return <p className="notice notice-info">{n('requestSent')}</p>;
  if (network.viewer.mayAnswerInvitation) {
    return (
      <div className="notice notice-info">
        <p>{n('invitedNotice')}</p>
        <ActError error={answer.error} />
        <button type="button" className="button" disabled={answer.isPending} onClick={() => answer.mutate({ networkId: network.id, accept: true })}>
          {n('accept')}
        </button>{' '}
        <button type="button" className="button button-secondary" disabled={answer.isPending} onClick={() => answer.mutate({ networkId: network.id, accept: false })}>
          {n('decline')}
        </button>
      </div>
    );
  }
  if (!network.viewer.mayRequest) return null;
  return (
    <p>
      <ActError error={request.error} />
      <button type="button" className="button" disabled={request.isPending} onClick={() => request.mutate({ networkId: network.id })}>
        {n('request')}
      </button>
    </p>
  );
}

/** The admins' desk: requests to answer, invitations out, inviting another verified buyer. */
export function AdminActions({ network }: { network: NetworkView }) {
  const { n, lang } = useNetworksText();
  const outcome = useOutcome();
  const done = (message: string) => outcome.show(message, { focus: true });
  // The name is taken when the button is pressed: by the time the answer comes, a live refresh of
  // the network may already have taken the request off the list it was read from.
  const decided = useRef('');
  const decide = useMutation(
    trpc.networks.decideRequest.mutationOptions({
      onSuccess: (_data, { accept }) => (done(n(accept ? 'done.accepted' : 'done.refused', { name: decided.current })), refresh()),
    }),
  );
  const decideOn = (request: { organisationId: string; name: string }, accept: boolean) => {
    decided.current = request.name;
    decide.mutate({ networkId: network.id, organisationId: request.organisationId, accept });
  };
  return (
    <section aria-labelledby="network-admin-heading" className="page-section">
      <h2 id="network-admin-heading">{n('requests')}</h2>
      {outcome.node}
      <ActError error={decide.error} />
      {network.requests.length === 0 ? (
        <p className="empty-state">—</p>
      ) : (
        <ul className="plain-list">
          {network.requests.map((request) => (
            <li key={request.organisationId}>
              {request.name} · {formatDate(request.at, lang)}{' '}
              <button type="button" className="button button-small" disabled={decide.isPending}
                aria-label={`${n('accept')}: ${request.name}`} onClick={() => decideOn(request, true)}>
                {n('accept')}
              </button>{' '}
              <button type="button" className="button button-secondary button-small" disabled={decide.isPending}
                aria-label={`${n('decline')}: ${request.name}`} onClick={() => decideOn(request, false)}>
                {n('decline')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {network.invitations.length > 0 && (
        <>
          <h3 id="network-invitations-heading">{n('invitations')}</h3>
          <ul className="plain-list" aria-labelledby="network-invitations-heading">
            {network.invitations.map((invitation) => (
              <li key={invitation.organisationId}>
                {invitation.name} · {formatDate(invitation.at, lang)}
              </li>
            ))}
          </ul>
        </>
      )}
      <InviteOrganisation network={network} onInvited={(name) => done(n('done.invited', { name }))} />
    </section>
  );
}

function InviteOrganisation({ network, onInvited }: { network: NetworkView; onInvited: (name: string) => void }) {
  const { n } = useNetworksText();
  const [q, setQ] = useState('');
  const found = useQuery({ ...trpc.organisations.find.queryOptions({ q: q.trim() }), enabled: q.trim().length > 1 });
  const invite = useMutation(trpc.networks.invite.mutationOptions({ onSuccess: refresh }));
  const inside = new Set([...network.members, ...network.invitations].map((entry) => entry.organisationId));
  const candidates = (found.data ?? []).filter((organisation) => organisation.kind === 'buyer' && organisation.verified && !inside.has(organisation.id));
  return (
    <div className="network-invite">
      <h3 id="network-invite-heading">{n('invite')}</h3>
      <TextField formId="network-invite" name="q" type="search" label={n('inviteSearch')} value={q} onChange={(event) => setQ(event.target.value)} autoComplete="off" />
      <ActError error={invite.error} />
      {q.trim().length > 1 && found.isSuccess && candidates.length === 0 && <p className="empty-state">{n('noMatches')}</p>}
      {candidates.length > 0 && (
        <ul className="plain-list" aria-labelledby="network-invite-heading">
          {candidates.map((organisation) => (
            <li key={organisation.id}>
              <button type="button" className="button button-secondary button-small" disabled={invite.isPending}
                onClick={() => invite.mutate({ networkId: network.id, organisationId: organisation.id }, { onSuccess: () => (setQ(''), onInvited(organisation.name)) })}>
                {n('inviteSubmit', { name: organisation.name })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Removing a member organisation (admins), with the reason on the record. */
export function RemoveMember({ networkId, organisationId, name }: { networkId: string; organisationId: string; name: string }) {
  const { n } = useNetworksText();
  const formId = `remove-${organisationId}`;
  return (
    <DisclosureAction label={n('remove')} context={name} regionId={formId}>
      {(close) => (
        <ActionForm
          formId={formId}
          fields={[{ name: 'reason', kind: 'reason', label: n('removeReason') }]}
          schema={removeFromNetworkInput}
          mutation={trpc.networks.remove.mutationOptions({ onSuccess: () => (refresh(), close()) })}
          input={(values) => ({ networkId, organisationId, reason: values.reason })}
          submitLabel={n('remove')}
          onCancel={close}
        />
      )}
    </DisclosureAction>
  );
}

/** Leaving (members), or dissolving (admins): both recorded with their reason. */
export function LeaveOrDissolve({ network }: { network: NetworkView }) {
  const { n } = useNetworksText();
  return (
    <div className="owner-actions">
      <DisclosureAction label={n('leave')} regionId="network-leave-panel">
        {(close) => (
          <ActionForm
            formId="network-leave"
            fields={[{ name: 'reason', kind: 'line', label: n('leaveReason'), maxLength: 2000 }]}
            schema={leaveNetworkInput}
            mutation={trpc.networks.leave.mutationOptions({ onSuccess: () => (refresh(), close()) })}
            input={(values) => ({ networkId: network.id, reason: values.reason })}
            submitLabel={n('leave')}
            onCancel={close}
          />
        )}
      </DisclosureAction>
      {network.viewer.isAdmin && (
        <DisclosureAction label={n('dissolve')} regionId="network-dissolve-panel">
          {(close) => (
            <ActionForm
              formId="network-dissolve"
              intro={n('dissolveIntro')}
              fields={[{ name: 'reason', kind: 'reason', label: n('dissolveReason') }]}
              schema={dissolveNetworkInput}
              mutation={trpc.networks.dissolve.mutationOptions({ onSuccess: () => (refresh(), close()) })}
              input={(values) => ({ networkId: network.id, reason: values.reason })}
              submitLabel={n('dissolve')}
              onCancel={close}
            />
          )}
        </DisclosureAction>
      )}
    </div>
  );
}
