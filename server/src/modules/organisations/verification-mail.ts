// Mail to an organisation's owners about its verification, each in their own language. Plain text,
// like every mail here. The reason is the moderator's own words, quoted as written.
import type { Language } from '@dialogforum/contracts';
import type { MailMessage } from '../../platform/mail/mailer.ts';

export function verificationRejectedMail(
  to: string,
  name: string,
  organisationName: string,
  reason: string,
  link: string,
  language: Language,
): MailMessage {
  return language === 'en'
    ? {
        to,
        subject: `${organisationName} was not verified on Dialogforum`,
        text: `Hello ${name},\n\nA moderator did not verify ${organisationName} as a contracting authority on Dialogforum. The reason given:\n\n${reason}\n\nYou can correct the organisation's details and ask for verification again on its page:\n\n${link}\n\n— Dialogforum\n`,
      }
    : {
        to,
        subject: `${organisationName} verifierades inte på Dialogforum`,
        text: `Hej ${name},\n\nEn moderator har inte verifierat ${organisationName} som upphandlande organisation på Dialogforum. Skälet som angavs:\n\n${reason}\n\nDu kan rätta organisationens uppgifter och be om verifiering igen på dess sida:\n\n${link}\n\n— Dialogforum\n`,
      };
}
