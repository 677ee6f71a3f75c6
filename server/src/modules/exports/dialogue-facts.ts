// What the record says about the dialogue itself, on the first page of the PDF. One line a fact:
// a field the dialogue gains (a reference number, CPV codes, a contact person, a tender deadline)
// is added here with its label in both languages; a fact without a value is left out.
import type { DialogueView, Language } from '@dialogforum/contracts';
import type { RecordTexts } from './record-texts.ts';

type Fact = { label: Record<Language, string>; value: (dialogue: DialogueView, texts: RecordTexts) => string | null | undefined };

const DIALOGUE_FACTS: Fact[] = [
  { label: { sv: 'Dialog', en: 'Dialogue' }, value: (dialogue) => dialogue.title },
  { label: { sv: 'Beställare', en: 'Buyers' }, value: (dialogue) => dialogue.owners.map((owner) => owner.name).join(', ') },
  { label: { sv: 'Arena', en: 'Arena' }, value: (dialogue, texts) => texts.arena(dialogue.arenaId) },
  { label: { sv: 'Fas', en: 'Phase' }, value: (dialogue, texts) => texts.phase[dialogue.phase] },
  { label: { sv: 'Sista dag för frågor', en: 'Question deadline' }, value: (dialogue, texts) => texts.dateTime(dialogue.questionDeadline) },
  { label: { sv: 'Frågor hanteras som', en: 'Questions are handled as' }, value: (dialogue, texts) => texts.qaMode[dialogue.qaMode] },
  { label: { sv: 'Synlig för', en: 'Visible to' }, value: (dialogue, texts) => texts.visibility[dialogue.visibility] },
  { label: { sv: 'Publicerad', en: 'Published' }, value: (dialogue, texts) => texts.dateTime(dialogue.createdAt) },
  { label: { sv: 'Dialogens id', en: 'Dialogue id' }, value: (dialogue) => dialogue.id },
];

export function dialogueFacts(dialogue: DialogueView, texts: RecordTexts): { label: string; value: string }[] {
  return DIALOGUE_FACTS.flatMap((fact) => {
    const value = fact.value(dialogue, texts);
    return value ? [{ label: fact.label[texts.language], value }] : [];
  });
}
