// The privacy notice (GDPR articles 13 and 14) in Swedish and English, and the cookie note. Every
// statement about retention is what the code does (README, "Privacy"; server/src/app.ts prunes hourly):
// change one, change the other.
import type { OperatorView } from '@dialogforum/contracts';
import { Link } from '../router.tsx';

/** The Swedish supervisory authority for data protection. */
export const IMY_URL = 'https://www.imy.se';

type Props = { operator: OperatorView };

function hours(minutes: number, lang: 'sv' | 'en'): string {
  if (minutes % 60 !== 0) return lang === 'sv' ? `${minutes} minuter` : `${minutes} minutes`;
  const count = minutes / 60;
  return lang === 'sv' ? `${count} ${count === 1 ? 'timme' : 'timmar'}` : `${count} ${count === 1 ? 'hour' : 'hours'}`;
}

function days(hoursTotal: number, lang: 'sv' | 'en'): string {
  if (hoursTotal % 24 !== 0) return hours(hoursTotal * 60, lang);
  const count = hoursTotal / 24;
  return lang === 'sv' ? `${count} ${count === 1 ? 'dygn' : 'dygn'}` : `${count} ${count === 1 ? 'day' : 'days'}`;
}

function Controller({ operator, lang }: Props & { lang: 'sv' | 'en' }) {
  return (
    <ul>
      <li>
        <strong>{operator.name}</strong>
        {operator.organisationNumber && <>, {lang === 'sv' ? 'org.nr' : 'org. no.'} {operator.organisationNumber}</>}
      </li>
      {operator.postalAddress && <li>{operator.postalAddress}</li>}
      {operator.email && (
        <li>
          {lang === 'sv' ? 'E-post' : 'E-mail'}: <a href={`mailto:${operator.email}`}>{operator.email}</a>
        </li>
      )}
      {operator.phone && (
        <li>
          {lang === 'sv' ? 'Telefon' : 'Phone'}: {operator.phone}
        </li>
      )}
      {operator.website && (
        <li>
          <a href={operator.website}>{operator.website}</a>
        </li>
      )}
    </ul>
  );
}

export function PrivacySv({ operator }: Props) {
  const { idleMinutes, ttlHours } = operator.sessionRules;
  return (
    <>
      <p>
        Här beskriver vi vilka personuppgifter Dialogforum behandlar, varför, med vilket stöd i lag, hur länge och vilka rättigheter du har
        (dataskyddsförordningen, GDPR, artiklarna 13 och 14).
      </p>

      <h2>Personuppgiftsansvarig</h2>
      <Controller operator={operator} lang="sv" />
      <h3>Dataskyddsombud</h3>
      {operator.dpoEmail ? (
        <p>
          Du når vårt dataskyddsombud på <a href={`mailto:${operator.dpoEmail}`}>{operator.dpoEmail}</a>.
        </p>
      ) : (
        <p>Kontakta {operator.name} på adressen ovan och be att få tala med dataskyddsombudet.</p>
      )}

      <h2>Vilka uppgifter vi behandlar och varför</h2>
      <ul>
        <li>
          <strong>Ditt konto:</strong> namn, e-postadress, lösenord (bara som argon2id-hash, aldrig i klartext), språk, vilka organisationer du
          hör till och med vilken roll. För att du ska kunna logga in, och för att varje fråga och officiellt svar ska kunna spåras till en
          person som går att nå.
        </li>
        <li>
          <strong>Det du skriver:</strong> frågor, svar, kommentarer och rapporter om inlägg, med tidpunkt. Det är upphandlingens dialog och
          en del av myndighetens handlingar. Andra leverantörer ser dig som "Leverantör A", "Leverantör B" …; beställarna och moderatorerna
          ser vem som frågade.
        </li>
        <li>
          <strong>Inloggningar:</strong> när de startade och senast användes (ingen IP-adress). För att hålla dig inloggad och kunna avsluta
          inloggningen.
        </li>
        <li>
          <strong>Granskningsloggen:</strong> inloggningar och misslyckade försök med IP-adress, ändringar av roller och medlemskap,
          verifieringar, officiella svar, ändrade tidsfrister, spärrar och borttagningar. För säkerheten och för att kunna visa vem som gjorde
          vad i en upphandling. Loggen innehåller inga namn och inga e-postadresser; en e-postadress som skrivits vid ett misslyckat försök
          utan konto sparas bara som ett nycklat hashvärde.
        </li>
        <li>
          <strong>Följningar, notiser och e-postval:</strong> vad du följer, dina notiser och hur du vill få e-post. För att kunna berätta när
          något händer i det du följer.
        </li>
        <li>
          <strong>Dialogmöten och enskilda möten:</strong> vilka möten du anmält dig till eller står i kö för, vilka enskilda möten din
          organisation bokat och protokollen från dem (som publiceras när omgången stängs, med leverantörer under pseudonym), och dina
          kalenderlänkar (bara som hashvärde).
        </li>
        <li>
          <strong>E-post vi skickar:</strong> mottagare, ämne och text ligger i en utkorg tills brevet har skickats.
        </li>
        <li>
          <strong>Synpunkter:</strong> det du skriver i formuläret för synpunkter, och namn och e-postadress om du anger dem. För att kunna
          åtgärda brister och svara dig.
        </li>
        <li>
          <strong>IP-adresser</strong> används dessutom tillfälligt för att begränsa hur många anrop en adress får göra (skydd mot
          överbelastning och lösenordsgissning). Serverns driftloggar innehåller inga IP-adresser, e-postadresser eller lösenord.
        </li>
      </ul>

      <h2>Rättslig grund</h2>
      <p>
        Vi behandlar uppgifterna för att utföra en uppgift av allmänt intresse och som ett led i myndighetsutövning: att genomföra
        upphandlingsdialoger öppet och med likabehandling av leverantörer (GDPR artikel 6.1 e, med stöd i lagen om offentlig upphandling).
        Handlingar som hör till en upphandling bevaras enligt arkivlagen (1990:782) och myndighetens arkivregler (artikel 6.1 c).
        Säkerhetsloggning sker för att skydda tjänsten och uppgifterna i den (artikel 32).
      </p>

      <h2>Hur länge uppgifterna sparas</h2>
      <ul>
        <li>
          En inloggning upphör efter {hours(idleMinutes, 'sv')} utan aktivitet och senast efter {days(ttlHours, 'sv')}; avslutade inloggningar
          tas bort inom en timme.
        </li>
        <li>
          Länkar för att bekräfta e-post (48 timmar), välja nytt lösenord (en timme) och inbjudningar (sju dagar) tas bort inom en timme efter
          att de gått ut.
        </li>
        <li>
          E-post som skickats tas bort ur utkorgen en timme efter att den skickats; text med engångslänkar töms redan när brevet skickas.
        </li>
        <li>Synpunkter sparas i två år och tas sedan bort.</li>
        <li>
          Kontot finns kvar tills du tar bort det. Det du har skrivit i dialogerna och granskningsloggen sparas som en del av upphandlingens
          handlingar; granskningsloggen tas i denna version inte bort automatiskt.
        </li>
      </ul>

      <h2>Vilka som får del av uppgifterna</h2>
      <ul>
        <li>
          Det du publicerar i en dialog ser alla som får se dialogen – utan ditt namn för andra leverantörer. Handlingarna kan lämnas ut på
          begäran enligt offentlighetsprincipen, efter sekretessprövning.
        </li>
        <li>
          Den som driver servrarna och e-posttjänsten åt {operator.name} behandlar uppgifterna för vår räkning, enligt
          personuppgiftsbiträdesavtal. Vi säljer inga uppgifter och för inte över dem till länder utanför EU/EES.
        </li>
        <li>Tjänsten hämtar inget från andra webbplatser när du läser den: inga typsnitt, analysverktyg eller annonser.</li>
      </ul>

      <h2>Dina rättigheter</h2>
      <ul>
        <li>
          <strong>Få veta vad vi har om dig (tillgång och dataportabilitet):</strong> på <Link to="/account">kontosidan</Link> laddar du ned
          allt vi har om dig som en JSON-fil, som andra program kan läsa. Filen säger också vem som är personuppgiftsansvarig.
        </li>
        <li>
          <strong>Rättelse:</strong> kontakta oss om något om dig är fel.
        </li>
        <li>
          <strong>Radering:</strong> på <Link to="/account">kontosidan</Link> tar du bort ditt konto. Namn, e-postadress och lösenord raderas
          och dina inloggningar avslutas; dina inlägg står kvar i dialogerna under namnet "Borttagen användare N", eftersom de är en del av
          upphandlingens handlingar.
        </li>
        <li>
          <strong>Begränsning och invändning:</strong> du kan begära att vi begränsar behandlingen eller invända mot den; kontakta oss.
        </li>
        <li>
          <strong>Automatiserade beslut:</strong> tjänsten fattar inga beslut om dig automatiskt och gör ingen profilering (artikel 22).
        </li>
        <li>
          <strong>Klagomål:</strong> om du tycker att vi behandlar dina uppgifter fel kan du vända dig till Integritetsskyddsmyndigheten (IMY),{' '}
          <a href={IMY_URL}>imy.se</a>.
        </li>
      </ul>

      <h2 id="cookies">Kakor (cookies)</h2>
      <p>
        Dialogforum sätter en enda kaka, <code>df_session</code>, och bara när du loggar in. Den håller dig inloggad, kan inte läsas av skript
        på sidan (HttpOnly), skickas bara till Dialogforum och försvinner när du loggar ut eller inloggningen upphör. Webbläsarens lokala lagring
        används för det språk du valt och för när du senast öppnade en dialog (för att markera det som är nytt); det stannar i din webbläsare.
        Körs tjänsten på flera servrar kan lastbalanseraren sätta en kaka som håller dig kvar på samma server.
      </p>
      <p>
        Allt detta behövs för att leverera tjänsten du själv har bett om, och är därför undantaget från kravet på samtycke (lagen om
        elektronisk kommunikation, 9 kap. 28 §). Därför visar vi ingen ruta om kakor. Vi använder inga kakor för statistik, analys eller
        reklam.
      </p>
    </>
  );
}

export function PrivacyEn({ operator }: Props) {
  const { idleMinutes, ttlHours } = operator.sessionRules;
  return (
    <>
      <p>
        This notice describes which personal data Dialogforum processes, why, on what legal basis, for how long and what rights you have
        (General Data Protection Regulation, GDPR, articles 13 and 14).
      </p>

      <h2>Controller</h2>
      <Controller operator={operator} lang="en" />
      <h3>Data protection officer</h3>
      {operator.dpoEmail ? (
        <p>
          You reach our data protection officer at <a href={`mailto:${operator.dpoEmail}`}>{operator.dpoEmail}</a>.
        </p>
      ) : (
        <p>Contact {operator.name} at the address above and ask for the data protection officer.</p>
      )}

      <h2>What we process and why</h2>
      <ul>
        <li>
          <strong>Your account:</strong> name, e-mail address, password (only as an argon2id hash, never in plain text), language, which
          organisations you belong to and in which role. So that you can sign in, and so that every question and official answer can be traced
          to a person who can be reached.
        </li>
        <li>
          <strong>What you write:</strong> questions, answers, comments and reports of posts, with their times. It is the procurement's
          dialogue and part of the agency's records. Other suppliers see you as "Supplier A", "Supplier B" …; the buyers and moderators see
          who asked.
        </li>
        <li>
          <strong>Logins:</strong> when they started and were last used (no IP address). To keep you signed in and to end the login.
        </li>
        <li>
          <strong>The audit log:</strong> sign-ins and failed attempts with the IP address, changes of roles and memberships, verifications,
          official answers, changed deadlines, blocks and removals. For security, and to show who did what in a procurement. The log holds no
          names and no e-mail addresses; an address typed at a failed attempt without an account is kept only as a keyed hash.
        </li>
        <li>
          <strong>Follows, notifications and e-mail choice:</strong> what you follow, your notifications and how you want e-mail. To tell you
          when something happens in what you follow.
        </li>
        <li>
          <strong>Dialogue sessions and one-to-one meetings:</strong> which sessions you registered for or wait for, which one-to-one
          meetings your organisation booked and their minutes (published when the round closes, suppliers under pseudonyms), and your
          calendar links (only as a hash).
        </li>
        <li>
          <strong>E-mail we send:</strong> recipient, subject and text are kept in an outbox until the mail has been sent.
        </li>
        <li>
          <strong>Feedback:</strong> what you write in the feedback form, and your name and e-mail address if you give them. To fix barriers
          and answer you.
        </li>
        <li>
          <strong>IP addresses</strong> are also used briefly to limit how many requests one address may make (protection against overload and
          password guessing). The server's operational logs hold no IP addresses, e-mail addresses or passwords.
        </li>
      </ul>

      <h2>Legal basis</h2>
      <p>
        We process the data to perform a task carried out in the public interest and in the exercise of official authority: conducting
        procurement dialogues openly and treating suppliers equally (GDPR article 6.1 e, under the Swedish Public Procurement Act). Records of a
        procurement are kept under the Swedish Archives Act (1990:782) and the agency's archiving rules (article 6.1 c). Security logging
        protects the service and the data in it (article 32).
      </p>

      <h2>How long we keep it</h2>
      <ul>
        <li>
          A login ends after {hours(idleMinutes, 'en')} without activity and after {days(ttlHours, 'en')} at most; ended logins are deleted
          within an hour.
        </li>
        <li>
          Links to confirm an e-mail address (48 hours), to choose a new password (one hour) and invitations (seven days) are deleted within an
          hour of expiring.
        </li>
        <li>Sent e-mail leaves the outbox an hour after it was sent; text with single-use links is blanked as soon as it is sent.</li>
        <li>Feedback is kept for two years, then deleted.</li>
        <li>
          Your account stays until you remove it. What you wrote in the dialogues and the audit log are kept as part of the procurement's
          records; this version does not delete the audit log automatically.
        </li>
      </ul>

      <h2>Who receives the data</h2>
      <ul>
        <li>
          What you publish in a dialogue is seen by everyone who may see the dialogue – without your name for other suppliers. The records may
          be released on request under the principle of public access, after a secrecy assessment.
        </li>
        <li>
          Whoever runs the servers and the e-mail service for {operator.name} processes the data on our behalf, under a data processing
          agreement. We sell no data and transfer none outside the EU/EEA.
        </li>
        <li>The service fetches nothing from other sites while you read it: no fonts, analytics or advertising.</li>
      </ul>

      <h2>Your rights</h2>
      <ul>
        <li>
          <strong>Access and data portability:</strong> on the <Link to="/account">account page</Link> you download everything we hold about
          you as a JSON file that other programs can read. The file also names the controller.
        </li>
        <li>
          <strong>Rectification:</strong> contact us if something about you is wrong.
        </li>
        <li>
          <strong>Erasure:</strong> on the <Link to="/account">account page</Link> you remove your account. Your name, e-mail address and
          password are erased and your logins end; your posts stay in the dialogues under the name "Removed user N", as they are part of the
          procurement's records.
        </li>
        <li>
          <strong>Restriction and objection:</strong> you may ask us to restrict the processing or object to it; contact us.
        </li>
        <li>
          <strong>Automated decisions:</strong> the service makes no decisions about you automatically and does no profiling (article 22).
        </li>
        <li>
          <strong>Complaints:</strong> if you think we process your data wrongly, you can turn to the Swedish Authority for Privacy Protection
          (IMY), <a href={IMY_URL}>imy.se</a>.
        </li>
      </ul>

      <h2 id="cookies">Cookies</h2>
      <p>
        Dialogforum sets a single cookie, <code>df_session</code>, and only when you sign in. It keeps you signed in, cannot be read by scripts
        on the page (HttpOnly), is sent only to Dialogforum and goes away when you sign out or the login ends. The browser's local storage keeps
        the language you chose and when you last opened a dialogue (to mark what is new); it stays in your browser. When the service runs on
        several servers, the load balancer may set a cookie that keeps you on the same server.
      </p>
      <p>
        All of this is needed to deliver the service you asked for, and is therefore exempt from the consent requirement (Swedish Electronic
        Communications Act, chapter 9, section 28). That is why we show no cookie banner. We use no cookies for statistics, analytics or
        advertising.
      </p>
    </>
  );
}
