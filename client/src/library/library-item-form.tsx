// Publishing a library item, or revising one (a new version, with a note on what changed). The
// values are checked with the server's own schema before sending; a refusal keeps what was typed.
import { useState, type FormEvent } from 'react';
import {
  AUDIENCES,
  LANGUAGES,
  LIBRARY_KINDS,
  publishLibraryItemInput,
  reviseLibraryItemInput,
  type ArenaId,
  type Audience,
  type Language,
  type LibraryItemView,
  type LibraryKind,
  type Visibility,
} from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { arenaOptions } from '../arena-names.ts';
import { CheckboxGroup } from '../ui/checkbox-group.tsx';
import { FormAlert, RadioGroup, SelectField, TextField } from '../ui/form-fields.tsx';
import { MarkdownField } from '../ui/markdown-field.tsx';
import { useFormSubmission } from '../ui/use-form-submission.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { navigate } from '../router.tsx';

const FORM_ID = 'library-item';
const FIELDS = ['title', 'kind', 'arenaIds', 'audiences', 'language', 'visibility', 'summary', 'body', 'note'];

type Values = {
  title: string;
  kind: LibraryKind | '';
  arenaIds: ArenaId[];
  audiences: Audience[];
  language: Language;
  visibility: Visibility;
  summary: string;
  body: string;
  note: string;
};

export function LibraryItemForm({ item, arenaId }: { item?: LibraryItemView; arenaId?: ArenaId }) {
  const { t, lang } = useI18n();
  const [values, setValues] = useState<Values>(() =>
    item
      ? { title: item.title, kind: item.kind, arenaIds: item.arenaIds, audiences: item.audiences, language: item.language, visibility: item.visibility, summary: item.summary, body: item.shown.body, note: '' }
      : { title: '', kind: '', arenaIds: arenaId ? [arenaId] : [], audiences: [], language: lang, visibility: 'public', summary: '', body: '', note: '' },
  );
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((current) => ({ ...current, [key]: value }));
  const done = (itemId: string) => {
    void queryClient.invalidateQueries({ queryKey: trpc.library.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.arenas.pathKey() });
    navigate(`/library/${encodeURIComponent(itemId)}`);
  };
  const publish = useFormSubmission({
    formId: FORM_ID,
    fields: FIELDS,
    schema: publishLibraryItemInput,
    mutation: trpc.library.publish.mutationOptions({ onSuccess: ({ itemId }) => done(itemId) }),
  });
  const revise = useFormSubmission({
    formId: FORM_ID,
    fields: FIELDS,
    schema: reviseLibraryItemInput,
    mutation: trpc.library.revise.mutationOptions({ onSuccess: () => done(item?.id ?? '') }),
  });
  const form = item ? revise : publish;
  const { note, ...content } = values;

  const submit = (event: FormEvent) => {
    if (item) revise.submit(event, { itemId: item.id, ...content, note });
    else publish.submit(event, content);
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={item ? t('library.reviseTitle') : t('library.publishTitle')}>
      <FormAlert message={form.formError} />
      <TextField formId={FORM_ID} name="title" label={t('library.fieldTitle')} issue={form.errors.title} value={values.title}
        onChange={(event) => set('title', event.target.value)} maxLength={200} autoComplete="off" />
      <SelectField formId={FORM_ID} name="kind" label={t('library.kind')} issue={form.errors.kind} value={values.kind}
        onChange={(event) => set('kind', event.target.value as LibraryKind)}>
        <option value="">{t('library.chooseKind')}</option>
        {LIBRARY_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {t(`library.kind.${kind}`)}
          </option>
        ))}
      </SelectField>
      <CheckboxGroup formId={FORM_ID} name="arenaIds" label={t('library.fieldArenas')} issue={form.errors.arenaIds} values={values.arenaIds}
        onChange={(chosen) => set('arenaIds', chosen)} options={arenaOptions(lang).map((arena) => ({ value: arena.id, label: arena.name }))} />
      <CheckboxGroup formId={FORM_ID} name="audiences" label={t('library.fieldAudiences')} issue={form.errors.audiences} values={values.audiences}
        onChange={(chosen) => set('audiences', chosen)} options={AUDIENCES.map((audience) => ({ value: audience, label: t(`library.audience.${audience}`) }))} />
      <RadioGroup<Language> formId={FORM_ID} name="language" label={t('library.fieldLanguage')} hint={t('library.fieldLanguageHint')} issue={form.errors.language}
        value={values.language} onChange={(value) => set('language', value)}
        options={LANGUAGES.map((language) => ({ value: language, label: t(`library.language.${language}`) }))} />
      <RadioGroup<Visibility> formId={FORM_ID} name="visibility" label={t('create.fieldVisibility')} issue={form.errors.visibility}
        value={values.visibility} onChange={(value) => set('visibility', value)}
        options={[
          { value: 'public', label: t('visibility.public') },
          { value: 'registered', label: t('visibility.registered') },
        ]} />
      <TextField formId={FORM_ID} name="summary" label={t('library.fieldSummary')} hint={t('library.fieldSummaryHint')} issue={form.errors.summary}
        value={values.summary} onChange={(event) => set('summary', event.target.value)} maxLength={500} autoComplete="off" />
      <MarkdownField formId={FORM_ID} name="body" label={t('library.fieldBody')} issue={form.errors.body} value={values.body}
        onChange={(value) => set('body', value)} rows={14} />
      {item && (
        <TextField formId={FORM_ID} name="note" label={t('library.fieldNote')} hint={t('library.fieldNoteHint')} issue={form.errors.note}
          value={values.note} onChange={(event) => set('note', event.target.value)} maxLength={300} autoComplete="off" />
      )}
      <button type="submit" className="button" disabled={form.isPending}>
        {form.isPending ? t('common.sending') : item ? t('library.reviseSubmit') : t('library.publishSubmit')}
      </button>
    </form>
  );
}
