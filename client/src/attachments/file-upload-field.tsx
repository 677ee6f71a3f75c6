// A labelled file field that uploads what is chosen, showing progress, and says in the reader's
// language why a file was refused (too large, wrong type, not allowed here). The server decides by
// the file's content; the size is checked here first too, since a browser sending a file over the
// limit only sees the connection cut. Keyboard: the field opens the file chooser with Space or
// Enter; with `autoUpload` off, the button beside it sends the chosen file.
import { useEffect, useId, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ATTACHMENT_FILE_TYPE_NAMES, ATTACHMENT_FILE_TYPES, type UploadedAttachment } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { useAnnounce } from '../ui/live-announcer.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { formatFileSize } from './file-size.ts';
import { uploadAttachment } from './upload-attachment.ts';
import { describeUploadRefusal } from './upload-refusal.ts';

/** What the file chooser offers: the extensions and types we accept (the server checks the content). */
const ACCEPT = [...ATTACHMENT_FILE_TYPE_NAMES.map((type) => `.${type}`), ...Object.values(ATTACHMENT_FILE_TYPES)].join(',');

export function FileUploadField<T = UploadedAttachment>({
  uploadPath,
  label,
  hint,
  autoUpload,
  onUploaded,
  onUploadingChange,
  notAllowed,
}: {
  /** The upload route for the place (attachmentUploadPath, networkFileUploadPath). */
  uploadPath: string;
  label: string;
  hint: string;
  /** Upload as soon as a file is chosen (drafts for an answer); otherwise a button sends it. */
  autoUpload: boolean;
  /** The route's 201 answer. */
  onUploaded: (answer: T) => void;
  /** Told when an upload starts and ends (a form that sends the file's id waits for it). */
  onUploadingChange?: (uploading: boolean) => void;
  /** Why the place refused this person (the dialogue's buyers attach, unless said otherwise). */
  notAllowed?: string;
}) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const announce = useAnnounce();
  const rules = useQuery({ ...trpc.attachments.rules.queryOptions(), staleTime: Infinity });
  const maxBytes = rules.data?.maxBytes;
  const [chosen, setChosen] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;

  const send = async (file: File) => {
    if (maxBytes !== undefined && file.size > maxBytes) {
      setError(describeUploadRefusal({ ok: false, code: 'FILE_TOO_LARGE' }, i18n, maxBytes));
      return;
    }
    setError(null);
    setProgress(0);
    onUploadingChange?.(true);
    // Said once when it starts; the bar's value is there for whoever looks, not read out at every step.
    announce(t('attachments.upload.uploading', { name: file.name }));
    const outcome = await uploadAttachment<T>(uploadPath, file, setProgress);
    setProgress(null);
    onUploadingChange?.(false);
    if (outcome.ok) {
      setChosen(null);
      if (input.current) input.current.value = '';
      onUploaded(outcome.answer);
      return;
    }
    setError(describeUploadRefusal(outcome, i18n, maxBytes, notAllowed));
  };
  // A refusal takes the reader back to the field, once it is enabled again, to choose another file.
  useEffect(() => {
    if (error) input.current?.focus();
  }, [error]);

  const uploading = progress !== null;
  return (
    <div className={`field file-field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <p id={hintId} className="field-hint">
        {hint} {maxBytes !== undefined ? t('attachments.upload.limits', { max: formatFileSize(maxBytes, lang) }) : null}
      </p>
      {error ? (
        <p id={errorId} className="field-error" role="alert">
          <span className="field-error-icon" aria-hidden="true">!</span>
          {error}
        </p>
      ) : null}
      <div className="file-field-controls">
        <input
          ref={input}
          id={id}
          type="file"
          accept={ACCEPT}
          aria-describedby={error ? `${errorId} ${hintId}` : hintId}
          aria-invalid={error ? true : undefined}
          disabled={uploading}
          onChange={(event) => {
            const file = event.target.files?.[0] ?? null;
            setChosen(file);
            setError(null);
            if (file && autoUpload) void send(file);
          }}
        />
        {!autoUpload && (
          <button
            type="button"
            className="button button-small"
            disabled={uploading}
            onClick={() => (chosen ? void send(chosen) : setError(t('attachments.upload.chooseFirst')))}
          >
            {t('attachments.upload.submit')}
          </button>
        )}
      </div>
      {uploading && chosen ? (
        <p className="upload-progress">
          <span>{t('attachments.upload.uploading', { name: chosen.name })}</span>{' '}
          <progress max={1} value={progress} aria-label={t('attachments.upload.progressLabel', { name: chosen.name })} />{' '}
          <span aria-hidden="true">{Math.round((progress ?? 0) * 100)} %</span>
        </p>
      ) : null}
    </div>
  );
}
