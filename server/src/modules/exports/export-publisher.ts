// Who publishes a file the service hands out: the operating agency (OPERATOR_* settings), named in
// every export so that a file saved and passed on still says whose record it is (issue 12 §4).
//
// JSON exports carry it as a member of their own (`publisher`; in the personal data export
// `controller`, GDPR's word). The OCDS export is a release package, whose standard `publisher` is
// made for exactly this. A CSV file has nowhere else to put it: a leading comment line or a title row
// above the header is not RFC 4180 and breaks readers that take the first line as the header
// (Excel's import, pandas, csvkit, R's read.csv), and an HTTP header is lost as soon as the file is
// saved. So each CSV has a last column naming the publisher on every row: any reader parses it, and
// it stays with every row that is copied elsewhere.
import type { OperatorConfig } from '../../config.ts';

export type ExportPublisher = {
  name: string;
  organisationNumber: string | null;
  email: string | null;
  postalAddress: string | null;
  website: string | null;
};

export function exportPublisher(operator: OperatorConfig): ExportPublisher {
  return {
    name: operator.name,
    organisationNumber: operator.organisationNumber ?? null,
    email: operator.email ?? null,
    postalAddress: operator.postalAddress ?? null,
    website: operator.website ?? null,
  };
}

/** The CSV column's value: the name, with the organisation number when there is one. */
export function publisherCell(operator: OperatorConfig): string {
  return operator.organisationNumber ? `${operator.name} (org.nr ${operator.organisationNumber})` : operator.name;
}
