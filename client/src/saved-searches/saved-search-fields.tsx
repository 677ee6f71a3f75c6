// The fields of a saved search's forms (saving one, changing one): its name, and how it tells of new
// results — in the app, by e-mail (at once or in the daily summary). When the person turned all
// notification mail off, the e-mail choice says why it sends nothing.
import { useQuery } from '@tanstack/react-query';
import type { FieldIssue } from '@dialogforum/contracts';
import { EMAIL_CHOICES, type EmailChoice } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { FormAlert, RadioGroup, TextField } from '../ui/form-fields.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';
import { useSavedSearchText } from './saved-search-text.ts';

export type Alerts = { inApp: boolean; email: EmailChoice };

/** The form's message, the name, the alerts, and its two buttons. */
export function SavedSearchFields({
  formId, formError, nameIssue, name, onName, alerts, onAlerts, pending, submitLabel, onCancel,
}: {
  formId: string;
  formError: string | null;
  nameIssue: FieldIssue | undefined;
  name: string;
  onName: (name: string) => void;
  alerts: Alerts;
  onAlerts: (alerts: Alerts) => void;
  pending: boolean;
  submitLabel: string;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const s = useSavedSearchText();
  return (
    <>
      <FormAlert message={formError} />
      <TextField formId={formId} name="name" label={s('save.name')} value={name} maxLength={80} issue={nameIssue} onChange={(event) => onName(event.target.value)} />
      <AlertFields formId={formId} alerts={alerts} onChange={onAlerts} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={pending}>
          {pending ? t('common.sending') : submitLabel}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </>
  );
}

function AlertFields({ formId, alerts, onChange }: { formId: string; alerts: Alerts; onChange: (alerts: Alerts) => void }) {
  const s = useSavedSearchText();
  const settings = useQuery(trpc.notifications.settings.queryOptions());
  return (
    <>
      <div className="field checkbox">
        <input id={`${formId}-inApp`} type="checkbox" checked={alerts.inApp} onChange={(event) => onChange({ ...alerts, inApp: event.target.checked })} />
        <label htmlFor={`${formId}-inApp`}>{s('alerts.inApp')}</label>
      </div>
      <RadioGroup<EmailChoice>
        formId={formId}
        name="email"
        label={s('alerts.email')}
        hint={
          settings.data?.email === 'off' ? (
            <>
              {s('alerts.mailOff')} <Link to="/account#notifications">{s('alerts.settings')}</Link>
            </>
          ) : undefined
        }
        options={EMAIL_CHOICES.map((choice) => ({ value: choice, label: s(`alerts.email.${choice}`) }))}
        value={alerts.email}
        onChange={(email) => onChange({ ...alerts, email })}
      />
    </>
  );
}
