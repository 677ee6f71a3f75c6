// Why an upload was refused, in the reader's words: the file is too large (with the limit), is not a
// type we accept, may not go there, or one of the API's general refusals.
import { describeWait } from '../app-error.ts';
import type { I18n } from '../i18n/i18n.tsx';
import { formatFileSize } from './file-size.ts';
import type { UploadRefusal } from './upload-attachment.ts';

/** `notAllowed` says who may attach where this field is (the dialogue's buyers unless told). */
export function describeUploadRefusal(outcome: UploadRefusal, i18n: Pick<I18n, 't' | 'plural' | 'lang'>, maxBytes: number | undefined, notAllowed?: string): string {
  const { t } = i18n;
  switch (outcome.code) {
    case 'FILE_TOO_LARGE':
      return maxBytes === undefined ? t('error.FILE_TOO_LARGE') : t('attachments.error.tooLarge', { max: formatFileSize(maxBytes, i18n.lang) });
    case 'FILE_TYPE_NOT_ALLOWED':
      return t('attachments.error.wrongType');
    case 'FORBIDDEN':
    case 'NOT_FOUND':
      return notAllowed ?? t('attachments.error.notAllowed');
    case 'RATE_LIMITED':
      return outcome.retryAfterSeconds ? t('error.rateLimitedWait', { wait: describeWait(outcome.retryAfterSeconds, i18n) }) : t('error.RATE_LIMITED');
    default:
      return t(`error.${outcome.code}`);
  }
}
