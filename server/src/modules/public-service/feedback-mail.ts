// The two mails a feedback sends: the whole message to the operators' address, and a receipt to the
// sender in their language. The receipt does not repeat the message: anyone can type any address
// into the form, and the service must not become a way to send a stranger words of one's choosing.
import type { FeedbackKind, Language } from '@dialogforum/contracts';
import type { MailMessage } from '../../platform/mail/mailer.ts';
import type { FeedbackDocument } from './feedback-documents.ts';

const KIND_NAMES: Record<Language, Record<FeedbackKind, string>> = {
  sv: { barrier: 'Brist i tillgängligheten', 'accessible-format': 'Begäran om innehåll i tillgänglig form', other: 'Annan synpunkt' },
  en: { barrier: 'Accessibility barrier', 'accessible-format': 'Request for content in an accessible form', other: 'Other feedback' },
};

/** To the operators, in Swedish (the agency's language); what the sender wrote as they wrote it. */
export function feedbackToOperatorMail(to: string, feedback: FeedbackDocument, publicUrl: string): MailMessage {
  const lines = [
    `En synpunkt har kommit in via Dialogforum (${feedback.reference}).`,
    '',
    `Slag: ${KIND_NAMES.sv[feedback.kind]}`,
    `Mottagen: ${feedback.receivedAt}`,
    `Sida: ${feedback.page ? new URL(feedback.page, publicUrl).href : 'inte angiven'}`,
    `Avsändare: ${feedback.name ?? 'inget namn angivet'}`,
    `E-post: ${feedback.email ?? 'ingen adress angiven (kan inte besvaras)'}`,
    `Språk: ${feedback.language === 'sv' ? 'svenska' : 'engelska'}`,
    `Inloggad: ${feedback.signedIn ? 'ja' : 'nej'}`,
    '',
    'Meddelande:',
    '',
    feedback.message,
    '',
    `Alla synpunkter finns för administratörer på ${new URL('/moderation', publicUrl).href}.`,
  ];
  return { to, subject: `Synpunkt ${feedback.reference}: ${KIND_NAMES.sv[feedback.kind]}`, text: `${lines.join('\n')}\n` };
}

export function feedbackReceiptMail(to: string, feedback: FeedbackDocument, operatorName: string, publicUrl: string): MailMessage {
  const statement = new URL('/accessibility', publicUrl).href;
  if (feedback.language === 'en') {
    return {
      to,
      subject: `We have received your feedback (${feedback.reference})`,
      text:
        `Thank you for your feedback to ${operatorName} about Dialogforum.\n\n` +
        `Reference: ${feedback.reference}\nKind: ${KIND_NAMES.en[feedback.kind]}\nReceived: ${feedback.receivedAt}\n\n` +
        `We read every message and answer those that ask for an answer, to this address. Quote the reference if you write to us again.\n\n` +
        `If you are not satisfied with how we handle your report, you can contact the Agency for Digital Government (DIGG), ` +
        `which supervises the law on accessibility of digital public services: ${statement}\n\n` +
        `If you did not write to us, someone typed your address into the form; you need do nothing.\n`,
    };
  }
  return {
    to,
    subject: `Vi har tagit emot din synpunkt (${feedback.reference})`,
    text:
      `Tack för din synpunkt till ${operatorName} om Dialogforum.\n\n` +
      `Ärendenummer: ${feedback.reference}\nSlag: ${KIND_NAMES.sv[feedback.kind]}\nMottagen: ${feedback.receivedAt}\n\n` +
      `Vi läser alla meddelanden och svarar på dem som ber om svar, till den här adressen. Ange ärendenumret om du skriver till oss igen.\n\n` +
      `Om du inte är nöjd med hur vi hanterar ditt ärende kan du kontakta Myndigheten för digital förvaltning (DIGG), ` +
      `som har tillsyn över lagen om tillgänglighet till digital offentlig service: ${statement}\n\n` +
      `Om det inte var du som skrev till oss har någon skrivit in din adress i formuläret; du behöver inte göra något.\n`,
  };
}
