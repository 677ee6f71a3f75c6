// The public service against the real server: the operator's identity from configuration (query,
// logo, every mail's footer, the PDF export), the editable pages from DATA_DIR, and feedback that
// reaches the operators: stored, listed for admins only, mailed in full to the operator's address,
// and a receipt (without the message) mailed to the sender, limited per recipient.
import { readFile, writeFile } from 'node:fs/promises';
import { mkdtemp, writeFile as write } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEEDBACK } from '../../src/modules/public-service/feedback-documents.ts';
import { pruneOldFeedback } from '../../src/modules/public-service/feedback-commands.ts';
import { mailTo } from '../support/mailbox.ts';
import { readPdf } from '../support/pdf-text.ts';
import { refusal } from '../support/refusal.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const OPERATOR = {
  OPERATOR_NAME: 'Myndigheten för testade tjänster',
  OPERATOR_ORGANISATION_NUMBER: '2021005489',
  OPERATOR_EMAIL: 'registrator@myndighet.example',
  OPERATOR_POSTAL_ADDRESS: 'Box 123, 111 22 Stockholm',
  OPERATOR_DPO_EMAIL: 'dataskydd@myndighet.example',
  OPERATOR_WEBSITE: 'https://myndighet.example',
};
const LOGO = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ ...OPERATOR, OPERATOR_LOGO: '/agency/logo.svg' });
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

describe('the operator', () => {
  it('is served from configuration to anyone, the organisation number formatted', async () => {
    expect(await server.visitor().api.publicService.operator.query()).toEqual({
      name: OPERATOR.OPERATOR_NAME,
      organisationNumber: '202100-5489',
      email: OPERATOR.OPERATOR_EMAIL,
      postalAddress: OPERATOR.OPERATOR_POSTAL_ADDRESS,
      phone: null,
      website: OPERATOR.OPERATOR_WEBSITE,
      dpoEmail: OPERATOR.OPERATOR_DPO_EMAIL,
      logoUrl: '/agency/logo.svg',
      sessionRules: { idleMinutes: 120, ttlHours: 336 },
    });
  });

  it('has its logo file from DATA_DIR served with its type', async () => {
    // A data directory of its own with the logo in it: config.ts checks the file at start.
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'dialogforum-logo-'));
    await write(path.join(dataDir, 'logo.svg'), LOGO);
    const withLogo = await startTestServer({ DATA_DIR: dataDir, OPERATOR_LOGO: 'logo.svg' });
    try {
      expect((await withLogo.visitor().api.publicService.operator.query()).logoUrl).toBe('/operator/logo');
      const response = await fetch(`${withLogo.url}/operator/logo`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/svg+xml');
      expect(await response.text()).toBe(LOGO);
    } finally {
      await withLogo.stop();
    }
  });

  it('signs every mail: name, organisation number and contact in the footer', async () => {
    const visitor = server.visitor();
    await visitor.api.accounts.register.mutate({ name: 'Greta Sidfot', email: 'greta@sidfot.example', password: 'ett långt lösenord för sidfoten', representation: 'supplier' });
    const [mail] = await mailTo(server.dataDir, 'greta@sidfot.example', /./);
    expect(mail?.text).toContain(`${OPERATOR.OPERATOR_NAME} · org.nr 202100-5489 · ${OPERATOR.OPERATOR_POSTAL_ADDRESS} · ${OPERATOR.OPERATOR_EMAIL}`);
  });

  it('is named on the PDF export: title page, every page footer and the document author', async () => {
    const buyer = server.visitor();
    await buyer.registerVerified({ name: 'Bo Beställare', email: 'bo@kommun.example', password: 'beställarens långa lösenord', representation: 'buyer' });
    const { dialogueId } = await buyer.api.dialogues.create.mutate({
      title: 'Sensorer i vägbanan',
      description: 'Vi söker sensorer.',
      arenaId: 'transport',
      phase: 'market-dialogue',
      questionDeadline: new Date(server.clock.now().getTime() + 86_400_000).toISOString(),
      visibility: 'public',
    });
    const response = await fetch(`${server.url}/exports/dialogues/${dialogueId}/qa.pdf?language=sv`);
    expect(response.status).toBe(200);
    const pdf = await readPdf(new Uint8Array(await response.arrayBuffer()));
    expect(pdf.info.Author).toBe(OPERATOR.OPERATOR_NAME);
    expect(pdf.pages[0]).toContain(`Dialogforum drivs av ${OPERATOR.OPERATOR_NAME}`);
    expect(pdf.pages[0]).toContain('org.nr 202100-5489');
    for (const page of pdf.pages) expect(page).toContain(`${OPERATOR.OPERATOR_NAME} · Exporterad`);
  });
});

describe('the terms of use and the about page', () => {
  it('are shipped as defaults written into DATA_DIR/pages, with the operator named', async () => {
    const page = await server.visitor().api.publicService.page.query({ name: 'terms', language: 'sv' });
    expect(page.markdown).toContain(`Dialogforum drivs av ${OPERATOR.OPERATOR_NAME}`);
    expect(await readFile(path.join(server.dataDir, 'pages', 'terms.sv.md'), 'utf8')).toContain('Dialogforum drivs av {operator}');
    expect((await server.visitor().api.publicService.page.query({ name: 'about', language: 'en' })).markdown).toContain('## About Dialogforum');
  });

  it("show the agency's own text once it edits the file, without a restart", async () => {
    await writeFile(path.join(server.dataDir, 'pages', 'about.en.md'), '# Our service\n\nRun by {operator}.\n');
    const page = await server.visitor().api.publicService.page.query({ name: 'about', language: 'en' });
    expect(page.markdown).toBe(`# Our service\n\nRun by ${OPERATOR.OPERATOR_NAME}.\n`);
  });

  it('name no other file', async () => {
    const data = await refusal(server.visitor().api.publicService.page.query({ name: '../../secrets/audit-hash.key' as 'terms', language: 'sv' }));
    expect(data?.appCode).toBe('VALIDATION');
  });
});

describe('feedback', () => {
  const barrier = {
    kind: 'barrier' as const,
    message: 'Knappen "Skicka fråga" går inte att nå med tangentbordet i Firefox.',
    page: '/dialogues/abcdefgh12',
    name: 'Ture Tangentbord',
    email: 'ture@tangent.example',
    language: 'sv' as const,
  };

  it('is stored, mailed in full to the operator, and a receipt without the message goes to the sender', async () => {
    const receipt = await server.visitor().api.publicService.sendFeedback.mutate(barrier);
    expect(receipt).toEqual({ reference: expect.stringMatching(/^F-\d{4}-\d{4}$/), receiptMailed: true });

    const [toOperator] = await mailTo(server.dataDir, OPERATOR.OPERATOR_EMAIL, new RegExp(receipt.reference));
    expect(toOperator?.subject).toBe(`Synpunkt ${receipt.reference}: Brist i tillgängligheten`);
    expect(toOperator?.text).toContain(barrier.message);
    expect(toOperator?.text).toMatch(/Sida: http:\/\/localhost:\d+\/dialogues\/abcdefgh12/);
    expect(toOperator?.text).toContain('E-post: ture@tangent.example');

    const [toSender] = await mailTo(server.dataDir, barrier.email, /Vi har tagit emot din synpunkt/);
    expect(toSender?.text).toContain(`Ärendenummer: ${receipt.reference}`);
    expect(toSender?.text).toContain('Myndigheten för digital förvaltning (DIGG)');
    expect(toSender?.text).not.toContain('Firefox');
    expect(toSender?.text).toContain(OPERATOR.OPERATOR_NAME);
  });

  it('is listed for admins, newest first; others are refused', async () => {
    const sent = await server.visitor().api.publicService.sendFeedback.mutate({ kind: 'accessible-format', message: 'Jag behöver dialogens underlag som lättläst text.', language: 'en' });
    expect(sent.receiptMailed).toBe(false);
    const admin = await server.moderator();
    const list = await admin.api.publicService.feedback.query({});
    expect(list[0]).toMatchObject({ reference: sent.reference, kind: 'accessible-format', email: null, name: null, page: null, signedIn: false });
    expect(list.some((feedback) => feedback.message === barrier.message && feedback.email === barrier.email)).toBe(true);

    expect((await refusal(server.visitor().api.publicService.feedback.query({})))?.appCode).toBe('UNAUTHENTICATED');
    const supplier = server.visitor();
    await supplier.registerVerified({ name: 'Sara Leverantör', email: 'sara@lev.example', password: 'leverantörens långa lösenord', representation: 'supplier' });
    expect((await refusal(supplier.api.publicService.feedback.query({})))?.appCode).toBe('FORBIDDEN');
  });

  it('refuses bad input with the field named and stores nothing', async () => {
    const before = await server.app.services.store.collection(FEEDBACK).countDocuments({});
    for (const [input, path] of [
      [{ ...barrier, message: 'kort' }, 'message'],
      [{ ...barrier, email: 'inte en adress' }, 'email'],
      [{ ...barrier, page: 'https://elak.example/' }, 'page'],
      [{ ...barrier, kind: 'complaint' }, 'kind'],
      [{ ...barrier, name: 'Ture\u202eerut' }, 'name'],
    ] as const) {
      const data = await refusal(server.visitor().api.publicService.sendFeedback.mutate(input as typeof barrier));
      expect(data?.appCode).toBe('VALIDATION');
      expect(data?.fieldIssues.map((issue) => issue.path)).toContain(path);
    }
    expect(await server.app.services.store.collection(FEEDBACK).countDocuments({})).toBe(before);
  });

  it('mails at most three receipts an hour to one address, and still takes the feedback', async () => {
    const to = 'offer@brevlada.example';
    const receipts = [];
    for (let i = 0; i < 4; i++) receipts.push(await server.visitor().api.publicService.sendFeedback.mutate({ ...barrier, email: to, message: `Meddelande nummer ${i + 1} om en brist.` }));
    expect(receipts.map((receipt) => receipt.receiptMailed)).toEqual([true, true, true, false]);
    await server.settled();
    expect(await mailTo(server.dataDir, to, /synpunkt/, 0)).toHaveLength(3);
    await mailTo(server.dataDir, OPERATOR.OPERATOR_EMAIL, new RegExp(receipts[3]!.reference));
  });

  it('is limited to ten an hour from one address', async () => {
    // Six sent above from this address (127.0.0.1); four more are allowed, the eleventh is refused.
    const send = () => server.visitor().api.publicService.sendFeedback.mutate({ kind: 'other', message: 'Ännu en synpunkt om tjänsten.', language: 'sv' });
    for (let i = 0; i < 4; i++) await send();
    const data = await refusal(send());
    expect(data?.appCode).toBe('RATE_LIMITED');
  });

  it('is deleted after two years by the pruning', async () => {
    const store = server.app.services.store;
    const count = await store.collection(FEEDBACK).countDocuments({});
    const later = new Date(server.clock.now().getTime() + 731 * 86_400_000);
    expect(await pruneOldFeedback(store, server.clock.now(), 730)).toBe(0);
    expect(await pruneOldFeedback(store, later, 730)).toBe(count);
  });
});
