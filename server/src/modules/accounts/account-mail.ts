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
