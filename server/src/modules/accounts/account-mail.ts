// The account e-mails, in the language the person chose. Plain text: every mail client shows it,
// and there is no markup to get wrong.
import type { Language } from '@dialogforum/contracts';
import type { MailMessage } from '../../platform/mail/mailer.ts';

export function verificationMail(to: string, name: string, link: string, language: Language): MailMessage {
  return language === 'en'
    ? {
        to,
        subject: 'Confirm your e-mail address for Dialogforum',
        text: `Hello ${name},\n\nConfirm your e-mail address by opening this link within 48 hours:\n\n${link}\n\nUntil you do, you can read dialogues but not publish, ask or answer.\nIf you did not create an account on Dialogforum, ignore this message.\n\n— Dialogforum\n`,
      }
    : {
        to,
        subject: 'Bekräfta din e-postadress för Dialogforum',
        text: `Hej ${name},\n\nBekräfta din e-postadress genom att öppna den här länken inom 48 timmar:\n\n${link}\n\nTills du har gjort det kan du läsa dialoger men inte publicera, fråga eller svara.\nOm du inte har skapat ett konto på Dialogforum kan du bortse från meddelandet.\n\n— Dialogforum\n`,
      };
}

export function passwordResetMail(to: string, name: string, link: string, language: Language): MailMessage {
  return language === 'en'
    ? {
        to,
        subject: 'Reset your Dialogforum password',
        text: `Hello ${name},\n\nSomeone asked to reset the password of your Dialogforum account. To choose a new password, open this link within one hour:\n\n${link}\n\nThe link works once. If it was not you, ignore this message: your password stays as it is.\n\n— Dialogforum\n`,
      }
    : {
        to,
        subject: 'Återställ ditt lösenord för Dialogforum',
        text: `Hej ${name},\n\nNågon har bett om att återställa lösenordet till ditt konto på Dialogforum. Öppna den här länken inom en timme för att välja ett nytt lösenord:\n\n${link}\n\nLänken fungerar en gång. Om det inte var du kan du bortse från meddelandet: ditt lösenord är oförändrat.\n\n— Dialogforum\n`,
      };
}

/**
 * To the owner of an address someone tried to register again. It says what happened and what to do,
 * and carries no link that changes anything: the account stays exactly as it was.
 */
export function registrationAttemptMail(to: string, name: string, links: { login: string; reset: string }, language: Language): MailMessage {
  return language === 'en'
    ? {
        to,
        subject: 'Someone tried to register with your e-mail address on Dialogforum',
        text: `Hello ${name},\n\nSomeone just tried to create a Dialogforum account with this e-mail address (${to}). You already have an account, so no new one was created.\n\nIf it was you, sign in with your password:\n\n${links.login}\n\nIf you have forgotten your password, choose a new one here:\n\n${links.reset}\n\nIf it was not you, you need not do anything: your account and your password are unchanged.\n\n— Dialogforum\n`,
      }
    : {
        to,
        subject: 'Någon försökte registrera sig med din e-postadress på Dialogforum',
        text: `Hej ${name},\n\nNågon försökte nyss skapa ett konto på Dialogforum med den här e-postadressen (${to}). Du har redan ett konto, så inget nytt konto skapades.\n\nOm det var du kan du logga in med ditt lösenord:\n\n${links.login}\n\nOm du har glömt ditt lösenord kan du välja ett nytt här:\n\n${links.reset}\n\nOm det inte var du behöver du inte göra något: ditt konto och ditt lösenord är oförändrade.\n\n— Dialogforum\n`,
      };
}
