// The person's own data (GDPR): a copy of everything stored about them as a JSON file, and removing
// the account — which pseudonymises them rather than deleting what they published, since questions
// and answers are part of a public procurement's record (offentlighetsprincipen).
import { useState } from 'react';
import { loginInput, type Me } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { describeError } from '../app-error.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';
import { sessionChanged } from '../session.ts';
import { FocusedNotice } from '../ui/focused-notice.tsx';
import { FormAlert, SendButton, TextField } from '../ui/form-fields.tsx';
import { saveFile } from '../ui/save-file.ts';
import { useFormSubmission } from '../ui/use-form-submission.ts';

export const EXPORT_FILE_NAME = 'dialogforum-my-data.json';

/** Hands `data` to the browser as a file download, without a round trip through the server. */
function downloadJson(data: unknown, fileName: string): void {
  saveFile(new Blob([`${JSON.stringify(data, null, 2)}\n`], { type: 'application/json' }), fileName);
}

export function DownloadMyDataSection() {
  const i18n = useI18n();
  const { t } = i18n;
  const [state, setState] = useState<{ kind: 'idle' | 'pending' | 'done' } | { kind: 'failed'; error: unknown }>({ kind: 'idle' });

  const download = async () => {
    setState({ kind: 'pending' });
    try {
      // Always fresh: what is stored now, not a copy cached earlier in this tab.
      const data = await queryClient.fetchQuery({ ...trpc.accounts.exportMyData.queryOptions(), staleTime: 0, gcTime: 0 });
      downloadJson(data, EXPORT_FILE_NAME);
      setState({ kind: 'done' });
    } catch (error) {
      setState({ kind: 'failed', error });
    }
  };

  return (
    <section aria-labelledby="my-data-heading" className="account-section">
      <h2 id="my-data-heading">{t('account.myDataTitle')}</h2>
      <p className="section-intro">{t('account.myDataIntro')}</p>
      <button type="button" className="button button-secondary" onClick={() => void download()} disabled={state.kind === 'pending'}>
        {state.kind === 'pending' ? t('account.myDataPreparing') : t('account.myDataButton')}
      </button>
      <div role="status" className="form-status">
        {state.kind === 'done' && <p className="notice notice-success">{t('account.myDataDone', { file: EXPORT_FILE_NAME })}</p>}
      </div>
      {state.kind === 'failed' && (
        <p role="alert" className="inline-error">
          {t('account.myDataFailed')} {describeError(state.error, i18n)}
        </p>
      )}
    </section>
  );
}

const FORM_ID = 'remove-account';
const FIELDS = ['password'];
/** The server's check: a password, not empty (its strength is not the point here). */
const removeAccountInput = loginInput.pick({ password: true });

export function RemoveAccountSection({ me, onRemoved }: { me: Me; onRemoved: () => void }) {
  const { t } = useI18n();
  const [password, setPassword] = useState('');
  const remove = useFormSubmission({
    formId: FORM_ID,
    fields: FIELDS,
    schema: removeAccountInput,
    mutation: trpc.accounts.erase.mutationOptions({
      onSuccess: () => {
        onRemoved();
        void sessionChanged(null);
      },
    }),
    explain: (code) => {
      if (code === 'INVALID_CREDENTIALS') {
        return { message: t('account.removeWrongPassword'), issues: [{ path: 'password', code: 'wrong_password' }] };
      }
      if (code === 'LAST_OWNER') return { message: t('account.removeLastOwner') };
      return undefined;
    },
  });

  return (
    <section aria-labelledby="remove-account-heading" className="account-section danger-zone">
      <h2 id="remove-account-heading">{t('account.removeTitle')}</h2>
      <div className="section-intro">
        <p>{t('account.removeIntro')}</p>
        <ul>
          <li>{t('account.removeGoes')}</li>
          <li>{t('account.removeStays')}</li>
          <li>{t('account.removeMemberships')}</li>
        </ul>
        <p>{t('account.removeFinal')}</p>
      </div>
      <form className="form" onSubmit={(event) => remove.submit(event, { password })} noValidate aria-labelledby="remove-account-heading">
        <FormAlert message={remove.formError} />
        {remove.errorCode === 'LAST_OWNER' && (
          <p className="form-followup">
            <Link to="/organisations">{t('account.removeToOrganisations')}</Link>
          </p>
        )}
        <input type="email" name="username" autoComplete="username" value={me.email} readOnly hidden />
        <TextField
          formId={FORM_ID}
          name="password"
          type="password"
          label={t('account.removePassword')}
          hint={t('account.removePasswordHint')}
          issue={remove.errors.password}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          autoComplete="current-password"
        />
        <SendButton pending={remove.isPending} label={t('account.removeSubmit')} tone="danger" />
      </form>
    </section>
  );
}

/** Shown in place of the account page once the account is gone; takes focus. */
export function AccountRemovedNotice() {
  const { t } = useI18n();
  return (
    <FocusedNotice title={t('account.removedTitle')} className="account-removed">
      <p>{t('account.removed')}</p>
      <p>
        <Link to="/">{t('verify.continue')}</Link>
      </p>
    </FocusedNotice>
  );
}
