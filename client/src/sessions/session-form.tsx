// The buyers' form for a session, to plan one or change it: times are typed as the wall clock in the
// session's own zone (Stockholm by default), the server turns them into instants and says what is
// wrong with them (in the past, skipped by a clock change, overlapping another session) next to the
// field. Online sessions need a link to the buyer's own meeting tool; on-site ones an address.
import { useState } from 'react';
import { createSessionInput, DEFAULT_TIME_ZONE, updateSessionInput, type SessionView } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { FormAlert, SendButton, TextField } from '../ui/form-fields.tsx';
import { useFormSubmission } from '../ui/use-form-submission.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { SESSION_BASIC_FIELDS, SessionBasicFields, sessionBasicsInput, type SessionBasics } from './session-basic-fields.tsx';

const FIELDS = [...SESSION_BASIC_FIELDS, 'registrationDeadline', 'questionsNeedApproval'];

type Values = SessionBasics & {
  registrationDeadline: string;
  questionsNeedApproval: boolean;
};

function initial(session: SessionView | null): Values {
  if (!session) {
    return { title: '', agenda: '', startsAt: '', endsAt: '', timeZone: DEFAULT_TIME_ZONE, format: 'online', meetingLink: '', address: '', capacity: '50', registrationDeadline: '', questionsNeedApproval: false };
  }
  return {
    title: session.title,
    agenda: session.agenda,
    startsAt: session.local.startsAt,
    endsAt: session.local.endsAt,
    timeZone: session.timeZone,
    format: session.format,
    meetingLink: session.meetingLink ?? '',
    address: session.address ?? '',
    capacity: String(session.capacity),
    registrationDeadline: session.local.registrationDeadline === session.local.startsAt ? '' : session.local.registrationDeadline,
    questionsNeedApproval: session.questionsNeedApproval,
  };
}

export function SessionForm({ dialogueId, session, onSaved }: { dialogueId: string; session: SessionView | null; onSaved: (sessionId: string) => void }) {
  const { t } = useI18n();
  const formId = session ? `edit-session-${session.id}` : 'new-session';
  const [values, setValues] = useState<Values>(() => initial(session));
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((current) => ({ ...current, [key]: value }));
  const input = {
    ...sessionBasicsInput(values),
    questionsNeedApproval: values.questionsNeedApproval,
    ...(values.registrationDeadline ? { registrationDeadline: values.registrationDeadline } : {}),
  };
  const saved = (sessionId: string) => {
    void queryClient.invalidateQueries({ queryKey: trpc.sessions.pathKey() });
    onSaved(sessionId);
  };
  const create = useFormSubmission({
    formId,
    fields: FIELDS,
    schema: createSessionInput,
    mutation: trpc.sessions.create.mutationOptions({ onSuccess: ({ sessionId }) => saved(sessionId) }),
  });
  const update = useFormSubmission({
    formId,
    fields: FIELDS,
    schema: updateSessionInput,
    mutation: trpc.sessions.update.mutationOptions({ onSuccess: () => saved(session?.id ?? '') }),
  });
  const form = session ? update : create;

  return (
    <form
      className="form session-form"
      onSubmit={(event) => (session ? update.submit(event, { sessionId: session.id, ...input }) : create.submit(event, { dialogueId, ...input }))}
      noValidate
    >
      <FormAlert message={form.formError} />
      <SessionBasicFields formId={formId} values={values} errors={form.errors} set={(key, value) => setValues((current) => ({ ...current, [key]: value }))} capacityHint={t('sessionForm.capacityHint')} />
      <TextField
        formId={formId}
        name="registrationDeadline"
        type="datetime-local"
        label={t('sessionForm.registrationDeadline')}
        hint={t('sessionForm.registrationDeadlineHint')}
        issue={form.errors.registrationDeadline}
        value={values.registrationDeadline}
        onChange={(e) => set('registrationDeadline', e.target.value)}
      />
      <div className="field field-checkbox">
        <input type="checkbox" id={`${formId}-questionsNeedApproval`} checked={values.questionsNeedApproval} onChange={(e) => set('questionsNeedApproval', e.target.checked)} />
        <label htmlFor={`${formId}-questionsNeedApproval`}>{t('sessionForm.questionsNeedApproval')}</label>
      </div>
      <SendButton pending={form.isPending} label={t(session ? 'sessionForm.save' : 'sessionForm.create')} />
    </form>
  );
}
