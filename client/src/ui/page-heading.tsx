// The page's one <h1>. After a navigation it takes focus (and the document title follows the page),
// so screen readers announce the new page and keyboard users continue from its top.
import { useEffect, useRef, type ReactNode } from 'react';
import { consumeFocusRequest } from '../router.tsx';
import { useI18n } from '../i18n/i18n.tsx';

export function PageHeading({
  children,
  title,
  focusOnNavigation = true,
  id,
}: {
  id?: string;
  children: ReactNode;
  /** The document title; defaults to the heading text when that is a string. */
  title?: string;
  focusOnNavigation?: boolean;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { t } = useI18n();
  const documentTitle = title ?? (typeof children === 'string' ? children : '');

  useEffect(() => {
    document.title = documentTitle ? `${documentTitle} – ${t('app.titleSuffix')}` : t('app.titleSuffix');
  }, [documentTitle, t]);

  useEffect(() => {
    if (consumeFocusRequest() && focusOnNavigation) ref.current?.focus();
  }, [focusOnNavigation]);

  return (
    <h1 ref={ref} id={id} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}
