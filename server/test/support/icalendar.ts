// Reads an iCalendar file as a calendar app does, with ical.js (Mozilla's parser): the file's own
// VTIMEZONE components are registered first, so DTSTART;TZID=… resolves through them.
import ICAL from 'ical.js';

export type ParsedEvent = {
  uid: string;
  sequence: number;
  summary: string;
  description: string;
  location: string | null;
  status: string;
  tzid: string | null;
  /** The instants as UTC ISO strings. */
  start: string;
  end: string;
};

export function parseCalendar(text: string): { name: string | null; events: ParsedEvent[]; timezones: string[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const timezones = calendar.getAllSubcomponents('vtimezone').map((component) => {
    const zone = new ICAL.Timezone(component);
    ICAL.TimezoneService.register(zone, zone.tzid);
    return zone.tzid;
  });
  const events = calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    const property = component.getFirstProperty('dtstart');
    return {
      uid: event.uid,
      sequence: event.sequence,
      summary: event.summary,
      description: event.description,
      location: event.location || null,
      status: String(component.getFirstPropertyValue('status')),
      tzid: (property?.getParameter('tzid') as string | undefined) ?? null,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
    };
  });
  return { name: (calendar.getFirstPropertyValue('x-wr-calname') as string | null) ?? null, events, timezones };
}
