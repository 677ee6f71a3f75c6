// Changing a network session, for whoever scheduled it and the network's admins before it has ended
// (the server says who: `viewer.mayEdit`): the planning form, filled in, opened by a button that
// says whether it is open. Saving closes it and says so; those registered are told of a new time or
// place by the server.
import { useState } from 'react';
import type { NetworkSessionView } from '@dialogforum/contracts';
import { useI18n } from '../i18n/i18n.tsx';
import { useAnnounce } from '../ui/live-announcer.tsx';
import { NetworkSessionForm } from './network-session-form.tsx';
import { useNetworkSessionEditText } from './network-session-edit-text.ts';

export function EditNetworkSession({ session }: { session: NetworkSessionView }) {
  const { t } = useI18n();
  const { e } = useNetworkSessionEditText();
  const announce = useAnnounce();
  const [editing, setEditing] = useState(false);
  return (
    <section aria-labelledby="network-session-edit-heading" className="page-section">
      <h2 id="network-session-edit-heading">{t('session.edit')}</h2>
      <p>{e('intro')}</p>
      <button type="button" className="button button-secondary" aria-expanded={editing} aria-controls="network-session-edit-form" onClick={() => setEditing((value) => !value)}>
        {t('session.edit')}
      </button>
      <div id="network-session-edit-form">
        {editing && (
          <NetworkSessionForm
            session={session}
            capacityHint={e('capacityHint', { count: session.registeredCount })}
            onSaved={() => {
              setEditing(false);
              announce(e('saved'));
            }}
          />
        )}
      </div>
    </section>
  );
}
