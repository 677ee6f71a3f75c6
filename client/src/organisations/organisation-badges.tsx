// How an organisation is described everywhere: its kind in words, its Swedish number written
// NNNNNN-NNNN, and whether a moderator has verified it — in words and a shape, not colour alone.
// Verification is a buyer matter: a supplier, research or facilitator organisation is never called
// "not verified", which would only worry its members and their counterparts.
import { formatOrgNumber, type OrganisationKind } from '@dialogforum/contracts';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

/** Whether the organisation's verification is worth saying: a buyer's always, anyone else's only when given. */
export function showsVerification(organisation: { kind: OrganisationKind; verified: boolean }): boolean {
  return organisation.kind === 'buyer' || organisation.verified;
}

/** `short`: in a table whose column already says "verification". Nothing for an unverified non-buyer. */
export function VerificationBadge({ verified, kind, short = false }: { verified: boolean; kind: OrganisationKind; short?: boolean }) {
  const { t } = useI18n();
  if (!showsVerification({ kind, verified })) return null;
  return verified ? (
    <span className="badge badge-confirmed">
      <span aria-hidden="true">✓ </span>
      {short ? t('organisation.verifiedShort') : t('organisation.verified')}
    </span>
  ) : (
    <span className="badge badge-unconfirmed">{t('organisation.unverified')}</span>
  );
}

/** `short`: a dash in a table cell (the whole sentence for screen readers). */
export function OrgNumber({ digits, short = false }: { digits: string | null; short?: boolean }) {
  const { t } = useI18n();
  if (!digits) {
    return short ? (
      <>
        <span aria-hidden="true" className="muted">–</span>
        <span className="visually-hidden">{t('organisation.noNumber')}</span>
      </>
    ) : (
      <span className="muted">{t('organisation.noNumber')}</span>
    );
  }
  return <span className="org-number">{formatOrgNumber(digits)}</span>;
}

export function useKindLabel(): (kind: OrganisationKind) => string {
  const { t } = useI18n();
  return (kind) => t(`organisationKindLabel.${kind}`);
}

/** The public facts of an organisation as a description list: kind, number, verification. */
export function OrganisationFacts({
  organisation,
  className,
  verificationNote,
  children,
}: {
  organisation: { kind: OrganisationKind; orgNumber: string | null; verified: boolean };
  className: string;
  verificationNote?: ReactNode;
  /** Further rows, e.g. the viewer's role. */
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const kindLabel = useKindLabel();
  return (
    <dl className={className}>
      <div>
        <dt>{t('organisations.column.kind')}</dt>
        <dd>{kindLabel(organisation.kind)}</dd>
      </div>
      <div>
        <dt>{t('organisations.column.number')}</dt>
        <dd>
          <OrgNumber digits={organisation.orgNumber} />
        </dd>
      </div>
      {showsVerification(organisation) && (
        <div>
          <dt>{t('organisations.column.verification')}</dt>
          <dd>
            <VerificationBadge verified={organisation.verified} kind={organisation.kind} />
            {verificationNote}
          </dd>
        </div>
      )}
      {children}
    </dl>
  );
}
