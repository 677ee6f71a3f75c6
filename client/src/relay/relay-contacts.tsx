// Contacts who are happy to help: people of the project's organisation who offered themselves. A
// person of that organisation offers (with their role, and whom their address is shown to) or stops
// here; nobody offers for a colleague. The address shows only where its person chose.
import { useState, type FormEvent } from 'react';
import { CONTACT_EMAIL_VISIBILITIES, setRelayContactInput, type ContactEmailVisibility, type RelayProjectView } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { FormAlert, RadioGroup, TextField } from '../ui/form-fields.tsx';
import { useAnnounce } from '../ui/live-announcer.tsx';
import { useFormSubmission } from '../ui/use-form-submission.ts';
import { useRelayText } from './relay-text.ts';

export function RelayContacts({ project }: { project: RelayProjectView }) {
  const { r } = useRelayText();
  return (
    <section aria-labelledby="relay-contacts-heading" className="page-section">
      <h2 id="relay-contacts-heading">{r('contacts')}</h2>
      {project.contacts.length === 0 ? (
        <p className="empty-state">{r('noContacts')}</p>
      ) : (
        <ul className="plain-list">
          {project.contacts.map((contact) => (
            <li key={contact.userId}>
              <strong>{contact.name}</strong>
              {contact.role ? `, ${contact.role}` : ''}
              {contact.email && (
                <>
                  {' · '}
                  <a href={`mailto:${contact.email}`}>{contact.email}</a>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {project.viewer.canOfferHelp && <OfferHelp project={project} />}
    </section>
  );
}

const FORM_ID = 'relay-contact';

function OfferHelp({ project }: { project: RelayProjectView }) {
  const { r } = useRelayText();
  const announce = useAnnounce();
  const mine = project.viewer.myContact;
  const [role, setRole] = useState(mine?.role ?? '');
  const [shownTo, setShownTo] = useState<ContactEmailVisibility>(mine?.emailShownTo ?? 'nobody');
  const form = useFormSubmission({
    formId: FORM_ID,
    fields: ['role', 'emailShownTo'],
    schema: setRelayContactInput,
    mutation: trpc.relay.setContact.mutationOptions({
      onSuccess: () => {
        announce(r('offerSubmit'));
        void queryClient.invalidateQueries({ queryKey: trpc.relay.pathKey() });
      },
    }),
  });
  const submit = (event: FormEvent, offering: boolean) => form.submit(event, { projectId: project.id, offering, role, emailShownTo: shownTo });
  return (
    <form className="form" id={FORM_ID} noValidate onSubmit={(event) => submit(event, true)} aria-labelledby={`${FORM_ID}-heading`}>
      <h3 id={`${FORM_ID}-heading`}>{r('offer')}</h3>
      {mine?.offering && <p role="status">{r('offering')}</p>}
      <p className="field-hint">{r('offerIntro')}</p>
      <FormAlert message={form.formError} />
      <TextField formId={FORM_ID} name="role" label={r('role')} issue={form.errors.role} value={role} onChange={(event) => setRole(event.target.value)} maxLength={120} autoComplete="organization-title" />
      <RadioGroup<ContactEmailVisibility>
        formId={FORM_ID}
        name="emailShownTo"
        label={r('emailShownTo')}
        issue={form.errors.emailShownTo}
        value={shownTo}
        onChange={setShownTo}
        options={CONTACT_EMAIL_VISIBILITIES.map((value) => ({ value, label: r(`email.${value}`) }))}
      />
      <div className="form-actions">
        <button type="submit" className="button" disabled={form.isPending}>
          {r('offerSubmit')}
        </button>
        {mine?.offering && (
          <button type="button" className="button button-secondary" disabled={form.isPending} onClick={() => submit({ preventDefault() {} } as FormEvent, false)}>
            {r('stopOffering')}
          </button>
        )}
      </div>
    </form>
  );
}
