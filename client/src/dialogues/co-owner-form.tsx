// Joint procurement: a dialogue's buyers add another verified buyer organisation as co-buyer
// (co-owner). They search by name or number; only verified buyer organisations that do not own the
// dialogue already are offered, and adding one asks once more (it cannot be undone here). The
// outcome is shown below the button, in a polite status region, and focus returns to the button.
// Everyone with the dialogue open sees the new list of buyers at once (dialogue.changed).
import { useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { DialogueView, OrganisationSummary } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { describeError } from '../app-error.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ConfirmAction } from '../ui/confirm-action.tsx';
import { FormAlert } from '../ui/form-fields.tsx';
import { OrgNumber } from '../organisations/organisation-badges.tsx';
import { useOutcome } from '../ui/outcome.tsx';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';

const REGION_ID = 'co-owner-region';

export function CoOwnerAdd({ dialogue }: { dialogue: DialogueView }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const outcome = useOutcome();
  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };
  return (
    <div className="co-owner-add">
      <button
        ref={toggle}
        type="button"
        className="button button-secondary"
        aria-expanded={open}
        aria-controls={open ? REGION_ID : undefined}
        onClick={() => {
          outcome.clear();
          setOpen((value) => !value);
        }}
      >
        {t('coOwner.toggle')}
      </button>
      {outcome.node}
      {open && (
        <div id={REGION_ID} className="co-owner-panel">
          <CoOwnerSearch
            dialogue={dialogue}
            onAdded={(name) => {
              close();
              outcome.show(t('coOwner.done', { name }));
            }}
            onCancel={close}
          />
        </div>
      )}
    </div>
  );
}

function CoOwnerSearch({
  dialogue,
  onAdded,
  onCancel,
}: {
  dialogue: DialogueView;
  onAdded: (name: string) => void;
  onCancel: () => void;
}) {
  const i18n = useI18n();
  const { t, plural } = i18n;
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const found = useQuery({ ...trpc.organisations.find.queryOptions({ q }), enabled: q.length > 0 });
  const ownerIds = new Set(dialogue.owners.map((owner) => owner.id));
  const candidates = (found.data ?? []).filter(
    (organisation) => organisation.kind === 'buyer' && organisation.verified && !ownerIds.has(organisation.id),
  );

  const add = useMutation(
    trpc.dialogues.addOwner.mutationOptions({
      onSuccess: async (_result, { organisationId }) => {
        const name = candidates.find((organisation) => organisation.id === organisationId)?.name ?? '';
        await queryClient.invalidateQueries({ queryKey: trpc.dialogues.get.queryKey({ dialogueId: dialogue.id }) });
        void queryClient.invalidateQueries({ queryKey: trpc.dialogues.list.queryKey() });
        onAdded(name);
      },
    }),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.reset();
    setQ(draft.trim().slice(0, 100));
  };

  let results = null;
  if (!q) results = null;
  else if (found.isPending) results = <Loading />;
  else if (found.isError) {
    results = <ErrorNotice title={t('coOwner.loadError')} error={found.error} onRetry={() => void found.refetch()} />;
  } else {
    results = (
      <>
        <p role="status" className="result-count">
          {candidates.length === 0 ? t('coOwner.none', { q }) : plural('coOwner.count', candidates.length, { q })}
        </p>
        {candidates.length > 0 && (
          <ul className="co-owner-list" aria-label={t('coOwner.results')}>
            {candidates.map((organisation) => (
              <li key={organisation.id}>
                <Candidate
                  organisation={organisation}
                  pending={add.isPending && add.variables.organisationId === organisation.id}
                  onConfirm={() => add.mutate({ dialogueId: dialogue.id, organisationId: organisation.id })}
                />
              </li>
            ))}
          </ul>
        )}
      </>
    );
  }

  return (
    <div className="co-owner-search">
      <p className="section-intro">{t('coOwner.intro')}</p>
      <form role="search" className="search-form" onSubmit={submit} aria-label={t('coOwner.searchLabel')}>
        <label htmlFor="co-owner-q">{t('coOwner.field')}</label>
        <div className="search-row">
          <input
            id="co-owner-q"
            type="search"
            name="q"
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            maxLength={100}
            autoComplete="off"
            autoFocus
          />
          <button type="submit" className="button">
            {t('coOwner.submit')}
          </button>
        </div>
      </form>
      <FormAlert message={add.isError ? describeError(add.error, i18n) : null} />
      {results}
      <div className="form-actions">
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('coOwner.close')}
        </button>
      </div>
    </div>
  );
}

function Candidate({
  organisation,
  pending,
  onConfirm,
}: {
  organisation: OrganisationSummary;
  pending: boolean;
  onConfirm: () => void;
}) {
  const { t } = useI18n();
  return (
    <div className="co-owner-candidate">
      <span className="co-owner-name">
        <strong>{organisation.name}</strong>
        <span className="muted">
          <OrgNumber digits={organisation.orgNumber} />
        </span>
      </span>
      <ConfirmAction
        label={t('coOwner.add')}
        ariaLabel={t('coOwner.addLabel', { name: organisation.name })}
        question={t('coOwner.question', { name: organisation.name })}
        confirmLabel={t('coOwner.confirm')}
        onConfirm={onConfirm}
        pending={pending}
        className="button button-small"
      />
    </div>
  );
}
