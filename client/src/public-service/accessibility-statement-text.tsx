// The accessibility statement (tillgänglighetsredogörelse) in Swedish and English, following the
// structure of DIGG's model statement: who stands behind the service, how accessible it is, what to
// do when something is not, how to report a barrier, supervision, the technical information with the
// known shortcomings (known-shortcomings.ts) and how the service was tested.
import type { OperatorView } from '@dialogforum/contracts';
import type { ReactNode } from 'react';
import { KNOWN_SHORTCOMINGS, REVIEWED_ON } from './known-shortcomings.ts';

/** DIGG's form for reporting a public service that does not meet the law. */
export const DIGG_REPORT_URL = 'https://www.digg.se/tdosanmalan';

type Props = { operator: OperatorView; feedbackForm: ReactNode };

function Contact({ operator, lang }: { operator: OperatorView; lang: 'sv' | 'en' }) {
  const items = [
    operator.email && (
      <li key="email">
        {lang === 'sv' ? 'E-post' : 'E-mail'}: <a href={`mailto:${operator.email}`}>{operator.email}</a>
      </li>
    ),
    operator.phone && (
      <li key="phone">
        {lang === 'sv' ? 'Telefon' : 'Phone'}: {operator.phone}
      </li>
    ),
    operator.postalAddress && (
      <li key="post">
        {lang === 'sv' ? 'Post' : 'Post'}: {operator.name}, {operator.postalAddress}
      </li>
    ),
  ].filter(Boolean);
  return items.length > 0 ? <ul>{items}</ul> : null;
}

export function StatementSv({ operator, feedbackForm }: Props) {
  return (
    <>
      <p>
        {operator.name} står bakom Dialogforum. Vi vill att så många som möjligt ska kunna använda tjänsten. Den här redogörelsen beskriver hur
        Dialogforum uppfyller lagen (2018:1937) om tillgänglighet till digital offentlig service, vilka kända brister som finns och hur du kan
        rapportera brister till oss så att vi kan åtgärda dem.
      </p>

      <h2>Hur tillgänglig är tjänsten?</h2>
      <p>
        Tjänsten är byggd för att fungera med tangentbord, skärmläsare och förstoring, på svenska och engelska, på dator och mobil. Vi vet att
        delar av tjänsten inte är helt tillgängliga; se <a href="#not-accessible">Innehåll som inte är tillgängligt</a> nedan.
      </p>

      <h2>Vad kan du göra om du inte kan använda delar av tjänsten?</h2>
      <p>
        Om du behöver innehåll från Dialogforum i en annan form – till exempel en dialogs frågor och svar som lättläst text, i punktskrift eller
        uppläst – kan du be oss om det i formuläret nedan eller kontakta oss direkt:
      </p>
      <Contact operator={operator} lang="sv" />
      <p>
        Frågor och svar kan du också alltid ladda ned som PDF, CSV eller JSON från dialogens sida.
      </p>

      <h2 id="feedback" tabIndex={-1}>
        Rapportera brister i tjänstens tillgänglighet
      </h2>
      <p>
        Vi strävar hela tiden efter att förbättra tjänstens tillgänglighet. Om du upptäcker problem som inte beskrivs här, eller om du anser att
        vi inte uppfyller lagens krav, meddela oss så att vi får veta att problemet finns. Du får ett ärendenummer, och ett kvitto med e-post om
        du anger din adress.
      </p>
      {feedbackForm}

      <h2>Tillsyn</h2>
      <p>
        Myndigheten för digital förvaltning (DIGG) har ansvaret för tillsyn av lagen om tillgänglighet till digital offentlig service. Om du
        inte är nöjd med hur vi hanterar dina synpunkter kan du <a href={DIGG_REPORT_URL}>kontakta Myndigheten för digital förvaltning och påtala det</a>.
      </p>

      <h2>Teknisk information om tjänstens tillgänglighet</h2>
      <p>
        Dialogforum är delvis förenlig med lagen om tillgänglighet till digital offentlig service, på grund av de brister som beskrivs nedan.
        Kraven är de i EN 301 549, som för webbinnehåll motsvarar WCAG 2.1 på nivå AA.
      </p>

      <h3 id="not-accessible">Innehåll som inte är tillgängligt</h3>
      <h4>Bristande förenlighet med lagkraven</h4>
      <ShortcomingList lang="sv" />
      <h4>Oskäligt betungande anpassning</h4>
      <p>Vi åberopar inte oskäligt betungande anpassning för något innehåll.</p>
      <h4>Innehåll som inte omfattas av lagstiftningen</h4>
      <p>
        Frågor, svar och kommentarer skrivs av tjänstens användare. Vi granskar inte deras text för tillgänglighet; den kan till exempel sakna
        rubrikstruktur eller ha otydliga länktexter. Tjänsten visar användarnas text med samma tillgängliga sidmall som allt annat.
      </p>

      <h2>Hur vi testat tjänsten</h2>
      <p>
        Vi har gjort en självskattning (intern testning). Vid varje ändring körs automatiska tester i webbläsaren Chromium: axe-core kontrollerar
        varje sida i tjänsten mot WCAG 2.1 A och AA på svenska och engelska, utloggad och inloggad i varje roll, i dator- och mobilbredd.
        Bristerna ovan jämförs automatiskt med vad testerna hittar. Varje sida prövas också med enbart tabbtangenten, och de flesta formulär
        fylls i och skickas med enbart tangentbord.
      </p>
      <p>Redogörelsen granskades senast den {REVIEWED_ON}.</p>
    </>
  );
}

export function StatementEn({ operator, feedbackForm }: Props) {
  return (
    <>
      <p>
        {operator.name} is responsible for Dialogforum. We want as many people as possible to be able to use the service. This statement
        describes how Dialogforum meets the Swedish law on accessibility of digital public services (2018:1937), the known shortcomings and how
        to report barriers to us so that we can fix them.
      </p>

      <h2>How accessible is the service?</h2>
      <p>
        The service is built to work with a keyboard, screen readers and magnification, in Swedish and English, on computers and phones. We know
        that parts of it are not fully accessible; see <a href="#not-accessible">Content that is not accessible</a> below.
      </p>

      <h2>What can you do if you cannot use parts of the service?</h2>
      <p>
        If you need content from Dialogforum in another form – for example a dialogue's questions and answers as easy-to-read text, in braille
        or read aloud – ask us in the form below or contact us directly:
      </p>
      <Contact operator={operator} lang="en" />
      <p>You can also always download the questions and answers as PDF, CSV or JSON from the dialogue's page.</p>

      <h2 id="feedback" tabIndex={-1}>
        Reporting accessibility barriers
      </h2>
      <p>
        We are always working to make the service more accessible. If you find a problem that is not described here, or think that we do not
        meet the requirements of the law, tell us so that we know about it. You get a reference number, and a receipt by e-mail if you give
        your address.
      </p>
      {feedbackForm}

      <h2>Supervision</h2>
      <p>
        The Agency for Digital Government (DIGG) supervises the law on accessibility of digital public services. If you are not satisfied with
        how we handle your feedback, you can <a href={DIGG_REPORT_URL}>contact the Agency for Digital Government and report it</a>.
      </p>

      <h2>Technical information about the service's accessibility</h2>
      <p>
        Dialogforum is partially compliant with the law on accessibility of digital public services, because of the shortcomings described
        below. The requirements are those of EN 301 549, which for web content match WCAG 2.1 level AA.
      </p>

      <h3 id="not-accessible">Content that is not accessible</h3>
      <h4>Non-compliance with the requirements</h4>
      <ShortcomingList lang="en" />
      <h4>Disproportionate burden</h4>
      <p>We do not claim disproportionate burden for any content.</p>
      <h4>Content outside the scope of the law</h4>
      <p>
        Questions, answers and comments are written by the service's users. We do not review their text for accessibility; it may, for
        example, lack a heading structure or have unclear link texts. The service shows their text in the same accessible page template as
        everything else.
      </p>

      <h2>How we tested the service</h2>
      <p>
        We have made a self-assessment (internal testing). At every change automated tests run in the Chromium browser: axe-core checks every
        page of the service against WCAG 2.1 A and AA in Swedish and English, signed out and signed in as each role, at desktop and phone
        widths. The shortcomings above are compared automatically with what the tests find. Every page is also tried with the Tab key alone,
        and most forms are filled in and sent with the keyboard alone.
      </p>
      <p>This statement was last reviewed on {REVIEWED_ON}.</p>
    </>
  );
}

function ShortcomingList({ lang }: { lang: 'sv' | 'en' }) {
  if (KNOWN_SHORTCOMINGS.length === 0) return <p>{lang === 'sv' ? 'Vi känner inte till några brister.' : 'We know of no shortcomings.'}</p>;
  return (
    <ul className="known-shortcomings">
      {KNOWN_SHORTCOMINGS.map((shortcoming) => (
        <li key={shortcoming.id}>
          {shortcoming[lang]} ({lang === 'sv' ? 'WCAG-kriterium' : 'WCAG success criterion'} {shortcoming.criterion})
        </li>
      ))}
    </ul>
  );
}
