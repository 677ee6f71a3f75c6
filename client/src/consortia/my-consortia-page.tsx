// "/consortia" — the organisation the reader acts for in consortia: its capability profile, the
// invitations waiting for its answer, and the consortia it is or was in.
import { useQuery } from '@tanstack/react-query';
import { trpc } from '../api.ts';
import { LoginNotice } from '../ui/login-notice.tsx';
import { PageHeading } from '../ui/page-heading.tsx';
import { Link } from '../router.tsx';
import { ConsortiumList } from './consortia-lists.tsx';
import { useConsortiaText } from './consortia-text.ts';
import { PageStates } from './page-states.tsx';

export function MyConsortiaPage() {
  const { c } = useConsortiaText();
  const mine = useQuery(trpc.consortia.mine.queryOptions());
  return (
    <>
      <PageHeading>{c('mine')}</PageHeading>
      <PageStates query={mine}>
        {(view) =>
          !view.actsAs ? (
            <LoginNotice message={c('noOrganisation')} returnTo="/consortia" />
          ) : (
            <>
              <p>{c('actingFor', { organisation: view.actsAs.name })}</p>
              {!view.canAct && <p className="notice notice-info">{c('actAsAdmin')}</p>}
              <section aria-labelledby="my-profile-heading" className="page-section">
                <h2 id="my-profile-heading">{c('profile')}</h2>
                {view.profile ? (
                  <p>
                    <Link to={`/consortia/profiles/${encodeURIComponent(view.actsAs.id)}`}>{c('profileOf', { organisation: view.actsAs.name })}</Link> · {view.profile.competences.join(', ')}
                  </p>
                ) : (
                  <p className="empty-state">{c('noProfile')}</p>
                )}
                {view.canAct && (
                  <p>
                    <Link to="/consortia/profile" className="button button-secondary">
                      {c(view.profile ? 'editProfile' : 'createProfile')}
                    </Link>
                  </p>
                )}
              </section>
              <section aria-labelledby="my-invitations-heading" className="page-section">
                <h2 id="my-invitations-heading">{c('invitations')}</h2>
                <ConsortiumList consortia={view.invitations} labelledBy="my-invitations-heading" empty={c('noInvitations')} />
              </section>
              <section aria-labelledby="my-consortia-heading" className="page-section">
                <h2 id="my-consortia-heading">{c('myConsortia')}</h2>
                <ConsortiumList consortia={view.consortia} labelledBy="my-consortia-heading" empty={c('noMyConsortia')}
                  status={(id) => {
                    const status = view.consortia.find((entry) => entry.id === id)?.status;
                    return status ? c(`status.${status}`) : null;
                  }} />
              </section>
            </>
          )
        }
      </PageStates>
    </>
  );
}
