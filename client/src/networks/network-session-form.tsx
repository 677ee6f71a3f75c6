// A member's form for a network session, to plan one or change it: the fields and words every
// session has (times typed as the wall clock in the session's zone, checked by the server next to
// each field), without what only a dialogue's session has (a registration deadline, a live room's
// questions).
import { useState } from 'react';
import { DEFAULT_TIME_ZONE, editNetworkSessionInput, scheduleNetworkSessionInput, utcToZonedLocal, type NetworkSessionView } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { SESSION_BASIC_FIELDS, SessionBasicFields, sessionBasicsInput, type SessionBasics } from '../sessions/session-basic-fields.tsx';
import { FormAlert, SendButton } from '../ui/form-fields.tsx';
import { useFormSubmission } from '../ui/use-form-submission.ts';

/** An existing session as the form shows it: its times as the wall clock in its own zone. */
function initial(session: NetworkSessionView | undefined): SessionBasics {
  if (!session) return { title: '', agenda: '', startsAt: '', endsAt: '', timeZone: DEFAULT_TIME_ZONE, format: 'online', meetingLink: '', address: '', capacity: '30' };
  return {
    title: session.title,
    agenda: session.agenda,
    startsAt: utcToZonedLocal(Date.parse(session.startsAt), session.timeZone),
    endsAt: utcToZonedLocal(Date.parse(session.endsAt), session.timeZone),
    timeZone: session.timeZone,
    format: session.format,
    meetingLink: session.meetingLink ?? '',
    address: session.address ?? '',
    capacity: String(session.capacity),
  };
}

type Props = { onSaved: (sessionId: string) => void; capacityHint?: string } & ({ networkId: string; session?: undefined } | { networkId?: undefined; session: NetworkSessionView });

export function NetworkSessionForm({ networkId, session, onSaved, capacityHint }: Props) {
  const { t } = useI18n();
  const formId = session ? `edit-network-session-${session.id}` : 'network-session';
  const [values, setValues] = useState<SessionBasics>(() => initial(session));
  const set = <K extends keyof SessionBasics>(key: K, value: SessionBasics[K]) => setValues((current) => ({ ...current, [key]: value }));
  const saved = (sessionId: string) => {
    void queryClient.invalidateQueries({ queryKey: trpc.networks.pathKey() });
    onSaved(sessionId);
  };
  const schedule = useFormSubmission({
    formId,
    fields: SESSION_BASIC_FIELDS,
    schema: scheduleNetworkSessionInput,
    mutation: trpc.networks.scheduleSession.mutationOptions({ onSuccess: ({ sessionId }) => saved(sessionId) }),
  });
  const edit = useFormSubmission({
    formId,
    fields: SESSION_BASIC_FIELDS,
    schema: editNetworkSessionInput,
    mutation: trpc.networks.editSession.mutationOptions({ onSuccess: () => saved(session?.id ?? '') }),
  });
  const form = session ? edit : schedule;
  return (
    <form
      className="form session-form"
      onSubmit={(event) => (session ? edit.submit(event, { sessionId: session.id, ...sessionBasicsInput(values) }) : schedule.submit(event, { networkId, ...sessionBasicsInput(values) }))}
      noValidate
    >
      <FormAlert message={form.formError} />
      <SessionBasicFields formId={formId} values={values} errors={form.errors} set={set} {...(capacityHint ? { capacityHint } : {})} />
      <SendButton pending={form.isPending} label={t(session ? 'sessionForm.save' : 'sessionForm.create')} />
    </form>
  );
}
