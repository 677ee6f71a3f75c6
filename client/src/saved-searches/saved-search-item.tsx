// One saved search on the saved-searches page: its name (a link to its newest results), its words,
// how many filters, how it alerts; "Change" opens a form for the name and alerts, "Delete" asks once more.
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { changeSavedSearchInput, type SavedSearchView } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { describeError } from '../app-error.ts';
import { ConfirmAction } from '../ui/confirm-action.tsx';
import { DisclosureAction } from '../ui/disclosure-action.tsx';
import { useOutcome } from '../ui/outcome.tsx';
import { useFormSubmission } from '../ui/use-form-submission.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';
import { searchUrl } from '../search/search-url.ts';
import { SavedSearchFields, type Alerts } from './saved-search-fields.tsx';
import { useSavedSearchText } from './saved-search-text.ts';

const refreshList = () => queryClient.invalidateQueries({ queryKey: trpc.savedSearches.list.queryKey() });

export function SavedSearchItem({ item, onDeleted }: { item: SavedSearchView; onDeleted: (name: string) => void }) {
  const i18n = useI18n();
  const s = useSavedSearchText();
  const changed = useOutcome();
  const remove = useMutation(
    trpc.savedSearches.remove.mutationOptions({
      onSuccess: async () => {
        onDeleted(item.name);
        await refreshList();
      },
    }),
  );
  const { q, ...filters } = item.query;
  const filterCount = Object.values(filters).filter((value) => value !== undefined).length;
  const alerts = [item.inApp ? s('item.inApp') : null, item.email === 'off' ? null : s(`item.email.${item.email}`)].filter(Boolean).join(', ');
  const headingId = `saved-search-${item.id}`;
  return (
    <article className="card saved-search" aria-labelledby={headingId}>
      <h2 id={headingId} className="card-title">
        <Link to={searchUrl({ ...item.query, sort: 'newest' })}>{item.name}</Link>
      </h2>
      <p>
        {s('item.terms', { q })}
        {filterCount > 0 ? ` · ${s(filterCount === 1 ? 'item.filters.one' : 'item.filters.other', { count: filterCount })}` : ''}
      </p>
      <p>{s('item.alerts', { alerts: alerts || s('item.alertsNone') })}</p>
      <div className="saved-search-actions">
        <DisclosureAction label={s('item.change')} context={item.name} regionId={`${headingId}-change`}>
          {(close) => (
            <ChangeForm
              item={item}
              onDone={(name) => {
                close();
                changed.show(s('item.changed', { name }));
              }}
              onCancel={close}
            />
          )}
        </DisclosureAction>
        <ConfirmAction
          label={s('item.delete')}
          ariaLabel={s('item.deleteLabel', { name: item.name })}
          question={s('item.deleteQuestion', { name: item.name })}
          confirmLabel={s('item.deleteConfirm')}
          pending={remove.isPending}
          onConfirm={() => remove.mutate({ savedSearchId: item.id })}
        />
      </div>
      {changed.node}
      {remove.isError && (
        <p className="notice notice-error" role="alert">
          {describeError(remove.error, i18n)}
        </p>
      )}
    </article>
  );
}

function ChangeForm({ item, onDone, onCancel }: { item: SavedSearchView; onDone: (name: string) => void; onCancel: () => void }) {
  const s = useSavedSearchText();
  const formId = `change-${item.id}`;
  const [name, setName] = useState(item.name);
  const [alerts, setAlerts] = useState<Alerts>({ inApp: item.inApp, email: item.email });
  const form = useFormSubmission({
    formId,
    fields: ['name', 'email'],
    schema: changeSavedSearchInput,
    mutation: trpc.savedSearches.change.mutationOptions({
      onSuccess: async (_data, input) => {
        await refreshList();
        onDone(input.name ?? item.name);
      },
    }),
  });
  return (
    <form id={formId} noValidate onSubmit={(event) => form.submit(event, { savedSearchId: item.id, name, ...alerts })} aria-label={s('item.changeTitle', { name: item.name })}>
      <SavedSearchFields
        formId={formId}
        formError={form.formError}
        nameIssue={form.errors.name}
        name={name}
        onName={setName}
        alerts={alerts}
        onAlerts={setAlerts}
        pending={form.isPending}
        submitLabel={s('item.saveChanges')}
        onCancel={onCancel}
      />
    </form>
  );
}
