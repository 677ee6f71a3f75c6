// The route table: path pattern → page. The server's static handler mirrors these patterns
// (server/src/platform/http/static-client.ts) to answer unknown paths with 404.
//
// Every page but the front page is fetched when first shown, so a first visit downloads the list of
// dialogues and what it needs, not the whole app (tests/first-load checks the budget). The front
// page is part of the first download: fetching it separately would only add a round trip there.
import { lazy, type ComponentType } from 'react';
import { DialogueListPage } from './dialogues/dialogue-list-page.tsx';

type Page = ComponentType<{ params: Record<string, string> }>;
type Route = { path: string; page: Page };

const onDemand = (load: () => Promise<Page>): Page => lazy(async () => ({ default: await load() }));
const relayPages = () => import('./relay/relay-pages.ts');
const networkPages = () => import('./networks/networks-pages.ts');
const consortiaPages = () => import('./consortia/consortia-pages.ts');

// Order matters: "/dialogues/new" before "/dialogues/:id".
export const ROUTES: Route[] = [
  { path: '/', page: DialogueListPage },
  { path: '/dialogues/new', page: onDemand(() => import('./dialogues/dialogue-create-page.tsx').then((m) => m.DialogueCreatePage)) },
  { path: '/dialogues/:id/rounds/new', page: onDemand(() => import('./meetings/meeting-round-new-page.tsx').then((m) => m.MeetingRoundNewPage)) },
  { path: '/dialogues/:id/sessions/new', page: onDemand(() => import('./sessions/session-new-page.tsx').then((m) => m.SessionNewPage)) },
  { path: '/dialogues/:id', page: onDemand(() => import('./dialogues/dialogue-page.tsx').then((m) => m.DialoguePage)) },
  { path: '/dialogues/:id/edit', page: onDemand(() => import('./dialogues/dialogue-edit-page.tsx').then((m) => m.DialogueEditPage)) },
  { path: '/arenas/:id', page: onDemand(() => import('./arenas/arena-page.tsx').then((m) => m.ArenaPage)) },
  { path: '/library/new', page: onDemand(() => import('./library/library-edit-pages.tsx').then((m) => m.LibraryPublishPage)) },
  { path: '/library/:id', page: onDemand(() => import('./library/library-item-page.tsx').then((m) => m.LibraryItemPage)) },
  { path: '/library/:id/edit', page: onDemand(() => import('./library/library-edit-pages.tsx').then((m) => m.LibraryRevisePage)) },
  { path: '/relay/new', page: onDemand(() => relayPages().then((m) => m.RelayNewPage)) },
  { path: '/relay/:id', page: onDemand(() => relayPages().then((m) => m.RelayProjectPage)) },
  { path: '/relay/:id/handover', page: onDemand(() => relayPages().then((m) => m.HandoverPage)) },
  { path: '/networks', page: onDemand(() => networkPages().then((m) => m.NetworksPage)) },
  { path: '/networks/discussions/:id', page: onDemand(() => networkPages().then((m) => m.NetworkDiscussionPage)) },
  { path: '/networks/library/:id', page: onDemand(() => networkPages().then((m) => m.NetworkItemPage)) },
  { path: '/networks/sessions/:id', page: onDemand(() => networkPages().then((m) => m.NetworkSessionPage)) },
  { path: '/networks/sessions/:id/live', page: onDemand(() => import('./networks/network-live-room-page.tsx').then((m) => m.NetworkLiveRoomPage)) },
  { path: '/networks/:id/sessions/new', page: onDemand(() => networkPages().then((m) => m.NetworkSessionNewPage)) },
  { path: '/networks/:id', page: onDemand(() => networkPages().then((m) => m.NetworkPage)) },
  { path: '/consortia', page: onDemand(() => consortiaPages().then((m) => m.MyConsortiaPage)) },
  { path: '/consortia/profile', page: onDemand(() => consortiaPages().then((m) => m.ProfileEditPage)) },
  { path: '/consortia/profiles/:id', page: onDemand(() => consortiaPages().then((m) => m.ProfilePage)) },
  { path: '/consortia/opportunities/new', page: onDemand(() => consortiaPages().then((m) => m.OpportunityNewPage)) },
  { path: '/consortia/opportunities/:id', page: onDemand(() => consortiaPages().then((m) => m.OpportunityPage)) },
  { path: '/consortium/:id', page: onDemand(() => consortiaPages().then((m) => m.ConsortiumPage)) },
  { path: '/rounds/:id', page: onDemand(() => import('./meetings/meeting-round-page.tsx').then((m) => m.MeetingRoundPage)) },
  { path: '/sessions/:id/live', page: onDemand(() => import('./sessions/live-room-page.tsx').then((m) => m.LiveRoomPage)) },
  { path: '/sessions/:id', page: onDemand(() => import('./sessions/session-page.tsx').then((m) => m.SessionPage)) },
  { path: '/statistics', page: onDemand(() => import('./metrics/metrics-page.tsx').then((m) => m.MetricsPage)) },
  { path: '/search', page: onDemand(() => import('./search/search-page.tsx').then((m) => m.SearchPage)) },
  { path: '/login', page: onDemand(() => import('./accounts/login-page.tsx').then((m) => m.LoginPage)) },
  { path: '/register', page: onDemand(() => import('./accounts/register-page.tsx').then((m) => m.RegisterPage)) },
  { path: '/verify-email', page: onDemand(() => import('./accounts/verify-email-page.tsx').then((m) => m.VerifyEmailPage)) },
  { path: '/forgot-password', page: onDemand(() => import('./accounts/forgot-password-page.tsx').then((m) => m.ForgotPasswordPage)) },
  { path: '/reset-password', page: onDemand(() => import('./accounts/reset-password-page.tsx').then((m) => m.ResetPasswordPage)) },
  { path: '/account', page: onDemand(() => import('./accounts/account-page.tsx').then((m) => m.AccountPage)) },
  { path: '/account/saved-searches', page: onDemand(() => import('./saved-searches/saved-searches-page.tsx').then((m) => m.SavedSearchesPage)) },
  { path: '/get-started', page: onDemand(() => import('./organisations/get-started-page.tsx').then((m) => m.GetStartedPage)) },
  { path: '/organisations', page: onDemand(() => import('./organisations/organisations-page.tsx').then((m) => m.OrganisationsPage)) },
  { path: '/organisations/:id', page: onDemand(() => import('./organisations/organisation-page.tsx').then((m) => m.OrganisationPage)) },
  { path: '/invitations/accept', page: onDemand(() => import('./organisations/invitation-accept-page.tsx').then((m) => m.InvitationAcceptPage)) },
  { path: '/moderation', page: onDemand(() => import('./moderation/moderation-page.tsx').then((m) => m.ModerationPage)) },
  { path: '/notifications', page: onDemand(() => import('./notifications/notifications-page.tsx').then((m) => m.NotificationsPage)) },
  { path: '/unsubscribe', page: onDemand(() => import('./notifications/unsubscribe-page.tsx').then((m) => m.UnsubscribePage)) },
  { path: '/accessibility', page: onDemand(() => import('./public-service/accessibility-statement-page.tsx').then((m) => m.AccessibilityStatementPage)) },
  { path: '/privacy', page: onDemand(() => import('./public-service/privacy-page.tsx').then((m) => m.PrivacyPage)) },
  { path: '/terms', page: onDemand(() => import('./public-service/service-page.tsx').then((m) => m.TermsPage)) },
  { path: '/about', page: onDemand(() => import('./public-service/service-page.tsx').then((m) => m.AboutPage)) },
];
