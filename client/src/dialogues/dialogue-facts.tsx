// The dialogue's own facts besides its deadlines: the buyer's reference number, its CPV codes and
// whom to contact, as rows of the dialogue's details list.
import type { DialogueView } from '@dialogforum/contracts';
import { useI18n } from '../i18n/i18n.tsx';

export function DialogueFacts({ dialogue }: { dialogue: DialogueView }) {
  const { t } = useI18n();
  const { referenceNumber, cpvCodes, contact } = dialogue;
  return (
    <>
      {referenceNumber && (
        <div>
          <dt>{t('dialogue.referenceNumber')}</dt>
          <dd>{referenceNumber}</dd>
        </div>
      )}
      {cpvCodes.length > 0 && (
        <div>
          <dt>{t('dialogue.cpvCodes')}</dt>
          <dd>{cpvCodes.join(', ')}</dd>
        </div>
      )}
      {contact && (
        <div>
          <dt>{t('dialogue.contact')}</dt>
          <dd>
            {contact.name}, <a href={`mailto:${contact.email}`}>{contact.email}</a>
            {contact.phone && (
              <>
                , <a href={`tel:${contact.phone.replace(/[^+0-9]/g, '')}`}>{contact.phone}</a>
              </>
            )}
          </dd>
        </div>
      )}
    </>
  );
}
