// The terms of use and "about the service" pages as shipped. At start they are written to
// DATA_DIR/pages/<name>.<language>.md where no such file exists yet; the agency edits those files
// (markdown; raw HTML is not shown) and its text is served from then on. `{operator}` stands for
// OPERATOR_NAME.
import type { Language, ServicePageName } from '@dialogforum/contracts';

export const DEFAULT_PAGES: Record<ServicePageName, Record<Language, string>> = {
  terms: {
    sv: `## Om villkoren

Dialogforum drivs av {operator}. Genom att skapa ett konto godtar du de här villkoren.

## Vad tjänsten är till för

Dialogforum är en plats för dialog inför innovationsupphandlingar: beställare publicerar dialoger,
leverantörer och forskare ställer frågor och beställarna svarar officiellt. Alla som får se en
dialog ser samma frågor och svar, så att alla leverantörer behandlas lika.

## Det du skriver

- Det du publicerar blir en del av upphandlingens handlingar och kan vara allmän handling enligt
  offentlighetsprincipen. Skriv inte affärshemligheter eller personuppgifter om andra i frågor.
- Andra leverantörer ser dig bara som "Leverantör A", "Leverantör B" och så vidare. Beställarna och
  tjänstens moderatorer ser vem som frågade.
- Skriv sakligt. Moderatorer kan dölja inlägg som bryter mot villkoren; skälet visas för läsarna.

## Ditt konto

- Håll ditt lösenord för dig själv. Du kan när som helst ladda ned dina uppgifter och ta bort ditt
  konto från kontosidan.
- Vi kan spärra ett konto som missbrukar tjänsten.

## Frågor om villkoren

Kontakta {operator} (se sidfoten).
`,
    en: `## About these terms

Dialogforum is run by {operator}. By creating an account you accept these terms.

## What the service is for

Dialogforum is a place for dialogue before innovation procurements: buyers publish dialogues,
suppliers and researchers ask questions and the buyers answer officially. Everyone who may see a
dialogue sees the same questions and answers, so every supplier is treated equally.

## What you write

- What you publish becomes part of the procurement's records and may be an official document under
  the Swedish principle of public access. Do not write trade secrets or personal data about others.
- Other suppliers see you only as "Supplier A", "Supplier B" and so on. The buyers and the
  service's moderators see who asked.
- Keep to the point. Moderators may hide posts that break these terms; readers see the reason.

## Your account

- Keep your password to yourself. You can download your data and remove your account from the
  account page at any time.
- We may block an account that misuses the service.

## Questions about these terms

Contact {operator} (see the page footer).
`,
  },
  about: {
    sv: `## Om Dialogforum

Dialogforum är en tjänst för dialog inför innovationsupphandlingar som drivs av {operator}. Här
publicerar offentliga beställare sina dialoger, och leverantörer och forskare ställer frågor som beställarna
besvarar officiellt – synligt för alla som får se dialogen, samtidigt.

## Så fungerar det

- **Dialoger** ordnas i arenor efter område och följer upphandlingens faser, från behovsanalys till
  avtal.
- **Frågor** ställs för en organisation. I anbudsfasen granskas frågorna innan de publiceras
  tillsammans med svaret.
- **Allt som har sagts** finns kvar och är sökbart, och kan laddas ned som PDF, CSV eller JSON.

## Kontakt

Se sidfoten för kontaktuppgifter till {operator}.
`,
    en: `## About Dialogforum

Dialogforum is a service for dialogue before innovation procurements run by {operator}. Public
buyers publish their dialogues here, and suppliers and researchers ask questions that the buyers answer
officially – visible to everyone who may see the dialogue, at the same moment.

## How it works

- **Dialogues** are grouped in arenas by field and follow the procurement's phases, from needs
  analysis to contract.
- **Questions** are asked for an organisation. In the tender phase questions are reviewed before
  they are published together with the answer.
- **Everything said** stays and is searchable, and can be downloaded as PDF, CSV or JSON.

## Contact

See the page footer for how to reach {operator}.
`,
  },
};
