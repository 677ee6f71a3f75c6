// A member's form for a network session: the fields and words every session has (times typed as the
// wall clock in the session's zone, checked by the server next to each field), without what only a
// dialogue's session has (a registration deadline, a live room's questions).
import { useState } from 'react';
import { DEFAULT_TIME_ZONE, scheduleNetworkSessionInput } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { SESSION_BASIC_FIELDS, SessionBasicFields, sessionBasicsInput, type SessionBasics } from '../sessions/session-basic-fields.tsx';
import { FormAlert, SendButton } from '../ui/form-fields.tsx';
import { useFormSubmission } from '../ui/use-form-submission.ts';

const FORM_ID = 'network-session';

export function NetworkSessionForm({ networkId, onSaved }: { networkId: string; onSaved: (sessionId: string) => void }) {
  const { t } = useI18n();
  const [values, setValues] = useState<SessionBasics>({ title: '', agenda: '', startsAt: '', endsAt: '', timeZone: DEFAULT_TIME_ZONE, format: 'online', meetingLink: '', address: '', capacity: '30' });
  const set = <K extends keyof SessionBasics>(key: K, value: SessionBasics[K]) => setValues((current) => ({ ...current, [key]: value }));
  const form = useFormSubmission({
    formId: FORM_ID,
    fields: SESSION_BASIC_FIELDS,
    schema: scheduleNetworkSessionInput,
    mutation: trpc.networks.scheduleSession.mutationOptions({
      onSuccess: ({ sessionId }) => {
        void queryClient.invalidateQueries({ queryKey: trpc.networks.pathKey() });
        onSaved(sessionId);
      },
    }),
  });
  return (
    <form className="form session-form" onSubmit={(event) => form.submit(event, { networkId, ...sessionBasicsInput(values) })} noValidate>
      <FormAlert message={form.formError} />
      <SessionBasicFields formId={FORM_ID} values={values} errors={form.errors} set={set} />
      <SendButton pending={form.isPending} label={t('sessionForm.create')} />
    </form>
  );
}
