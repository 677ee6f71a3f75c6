// A text area for Markdown with a preview of exactly what readers will see (rendered by the same
// SafeMarkdown as the published post). The two views are a pair of toggle buttons, so keyboard
// and screen-reader users hear which one is shown; the text is kept when switching.
import { useState, type TextareaHTMLAttributes } from 'react';
import type { FieldIssue } from '@dialogforum/contracts';
import { useI18n } from '../i18n/i18n.tsx';
import { TextArea } from './form-fields.tsx';
import { SafeMarkdown } from './safe-markdown.tsx';

export function MarkdownField({
  formId,
  name,
  label,
  hint,
  issue,
  value,
  onChange,
  ...textarea
}: {
  formId: string;
  name: string;
  label: string;
  hint?: string;
  issue?: FieldIssue;
  value: string;
  onChange: (value: string) => void;
} & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'name' | 'value' | 'onChange'>) {
  const { t } = useI18n();
  const [previewing, setPreviewing] = useState(false);
  const previewId = `${formId}-${name}-preview`;
  return (
    <div className="markdown-field">
      {previewing ? (
        <section className="field" aria-labelledby={`${previewId}-label`}>
          <p id={`${previewId}-label`} className="field-label">
            {t('markdown.previewOf', { field: label })}
          </p>
          <div id={previewId} className="markdown-preview">
            {value.trim() ? <SafeMarkdown source={value} /> : <p className="muted">{t('markdown.nothingYet')}</p>}
          </div>
        </section>
      ) : (
        <TextArea
          formId={formId}
          name={name}
          label={label}
          hint={hint ?? t('markdown.hint')}
          issue={issue}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          {...textarea}
        />
      )}
      <div className="markdown-field-modes" role="group" aria-label={t('markdown.modes')}>
        <button type="button" className="button button-small button-secondary" aria-pressed={!previewing} onClick={() => setPreviewing(false)}>
          {t('markdown.write')}
        </button>
        <button type="button" className="button button-small button-secondary" aria-pressed={previewing} onClick={() => setPreviewing(true)}>
          {t('markdown.preview')}
        </button>
      </div>
    </div>
  );
}
