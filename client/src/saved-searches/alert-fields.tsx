// How a saved search tells of new results: in the app, by e-mail (at once or in the daily summary).
// When the person turned all notification mail off, the e-mail choice is shown with why it sends nothing.
import { useQuery } from '@tanstack/react-query';
import { EMAIL_CHOICES, type EmailChoice } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { RadioGroup } from '../components/form-fields.tsx';
import { Link } from '../router.tsx';
import { useSavedSearchText } from './saved-search-text.ts';

export type Alerts = { inApp: boolean; email: EmailChoice };

export function AlertFields({ formId, alerts, onChange }: { formId: string; alerts: Alerts; onChange: (alerts: Alerts) => void }) {
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
