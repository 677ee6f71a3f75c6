// The route table: path pattern → page. The server's static handler mirrors these patterns
// (server/src/platform/http/static-client.ts) to answer unknown paths with 404.
import type { ComponentType } from 'react';
import { DialogueListPage } from './pages/dialogue-list-page.tsx';
import { DialogueCreatePage } from './pages/dialogue-create-page.tsx';
import { DialoguePage } from './pages/dialogue-page.tsx';
import { SearchPage } from './pages/search-page.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { RegisterPage } from './pages/register-page.tsx';
import { VerifyEmailPage } from './pages/verify-email-page.tsx';
import { ForgotPasswordPage } from './pages/forgot-password-page.tsx';
import { ResetPasswordPage } from './pages/reset-password-page.tsx';
import { AccountPage } from './pages/account-page.tsx';
import { OrganisationsPage } from './pages/organisations-page.tsx';
import { OrganisationPage } from './pages/organisation-page.tsx';
import { InvitationAcceptPage } from './pages/invitation-accept-page.tsx';
import { ModerationPage } from './pages/moderation-page.tsx';

type Route = { path: string; page: ComponentType<{ params: Record<string, string> }> };

// Order matters: "/dialogues/new" before "/dialogues/:id".
export const ROUTES: Route[] = [
  { path: '/', page: DialogueListPage },
  { path: '/dialogues/new', page: DialogueCreatePage },
  { path: '/dialogues/:id', page: DialoguePage },
  { path: '/search', page: SearchPage },
  { path: '/login', page: LoginPage },
  { path: '/register', page: RegisterPage },
  { path: '/verify-email', page: VerifyEmailPage },
  { path: '/forgot-password', page: ForgotPasswordPage },
  { path: '/reset-password', page: ResetPasswordPage },
  { path: '/account', page: AccountPage },
  { path: '/organisations', page: OrganisationsPage },
  { path: '/organisations/:id', page: OrganisationPage },
  { path: '/invitations/accept', page: InvitationAcceptPage },
  { path: '/moderation', page: ModerationPage },
];
