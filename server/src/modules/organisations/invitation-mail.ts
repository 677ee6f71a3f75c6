import type { MailMessage } from '../../platform/mail/mailer.ts';

// The invitee may have no account yet, so we cannot know their language: the mail speaks both.
export function invitationMail(to: string, inviterName: string, organisationName: string, link: string): MailMessage {
  return {
    to,
    subject: `Inbjudan till ${organisationName} på Dialogforum / Invitation to ${organisationName} on Dialogforum`,
    text:
      `${inviterName} har bjudit in dig att bli medlem i ${organisationName} på Dialogforum.\n` +
      `Logga in (eller skapa ett konto) med den här e-postadressen och öppna länken inom sju dagar:\n\n${link}\n\n` +
      `Länken fungerar en gång.\n\n---\n\n` +
      `${inviterName} has invited you to join ${organisationName} on Dialogforum.\n` +
      `Log in (or create an account) with this e-mail address and open the link within seven days:\n\n${link}\n\n` +
      `The link works once.\n\n— Dialogforum\n`,
  };
}
