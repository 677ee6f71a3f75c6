// "Save this search" on the results page: a button that opens a small form (the name, how to be
// told) right below it; keyboard users keep their place (DisclosureAction returns focus). Signed
// out, it offers to log in and come back to the same search.
import { useState } from 'react';
import { saveSearchInput, type EmailChoice, type SearchQueryInput } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { DisclosureAction } from '../ui/disclosure-action.tsx';
import { useOutcome } from '../ui/outcome.tsx';
import { useFormSubmission } from '../ui/use-form-submission.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';
import { useMe } from '../session.ts';
import { SavedSearchFields, type Alerts } from './saved-search-fields.tsx';
import { useSavedSearchText } from './saved-search-text.ts';

const FORM_ID = 'save-search';

export function SaveSearch({ query, returnTo }: { query: SearchQueryInput; returnTo: string }) {
  const { t } = useI18n();
  const s = useSavedSearchText();
  const me = useMe();
  const saved = useOutcome();
  if (me.isPending) return null;
  if (!me.data) {
    return (
      <p className="save-search field-hint">
        {s('save.needsLogin')} <Link to={`/login?next=${encodeURIComponent(returnTo)}`}>{t('nav.login')}</Link>
      </p>
    );
  }
  return (
    <div className="save-search">
      <DisclosureAction label={s('save.open')} regionId={FORM_ID}>
        {(close) => (
          <SaveSearchForm
            query={query}
            onSaved={(name) => {
              close();
              saved.show(s('save.saved', { name }));
            }}
            onCancel={close}
          />
        )}
      </DisclosureAction>
      {saved.node}
      <p className="field-hint">
        <Link to="/account/saved-searches">{s('save.manage')}</Link>
      </p>
    </div>
  );
}

function SaveSearchForm({ query, onSaved, onCancel }: { query: SearchQueryInput; onSaved: (name: string) => void; onCancel: () => void }) {
  const s = useSavedSearchText();
  const [name, setName] = useState(query.q);
  const [alerts, setAlerts] = useState<Alerts>({ inApp: true, email: 'daily' as EmailChoice });
  const form = useFormSubmission({
    formId: FORM_ID,
    fields: ['name', 'email'],
    schema: saveSearchInput,
    mutation: trpc.savedSearches.save.mutationOptions({
      onSuccess: async (_data, input) => {
        await queryClient.invalidateQueries({ queryKey: trpc.savedSearches.list.queryKey() });
        onSaved(input.name);
      },
    }),
  });
  return (
    <form id={FORM_ID} noValidate onSubmit={(event) => form.submit(event, { name, query, ...alerts })} aria-labelledby={`${FORM_ID}-title`}>
      <h2 id={`${FORM_ID}-title`}>
        {s('save.title')}
      </h2>
      <p className="field-hint">{s('save.intro')}</p>
      <SavedSearchFields
        formId={FORM_ID}
        formError={form.formError}
        nameIssue={form.errors.name}
        name={name}
        onName={setName}
        alerts={alerts}
        onAlerts={setAlerts}
        pending={form.isPending}
        submitLabel={s('save.submit')}
        onCancel={onCancel}
      />
    </form>
  );
}
