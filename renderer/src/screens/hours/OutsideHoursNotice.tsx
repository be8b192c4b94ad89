// "Ngoài giờ làm việc": outside the opening hours the faces give way to the office's hours, read
// as a notice on the office door is ("Thứ Hai – Thứ Sáu: 7:00 – 11:30, 13:00 – 17:00"), with
// today's hours and when the section opens again. A citizen may still rate: the smaller
// "Đánh giá" button leads to the usual faces (that rating is flagged `outside_hours`, counted
// normally). It takes the place of the question and the faces under the citizen screen's own
// office bar: the staff's way in (hold) and the language switch stay.
import type { OpeningHours, OpeningPeriod, OpeningState } from '../../../../shared/opening-hours-rule';
import { clockLabel, localClock, weekGroups } from '../../../../shared/opening-hours-week';
import type { Language } from '../../../../shared/citizen-options';
import { hoursText, type HoursText } from './hours-text';
import './hours.css';

export function periodsText(periods: readonly OpeningPeriod[], text: HoursText): string {
  return periods.length === 0 ? text.closed : periods.map((p) => `${clockLabel(p.from)} – ${clockLabel(p.to)}`).join(', ');
}

/** One line per run of days with the same hours, Monday first. */
export function weekLines(hours: OpeningHours, text: HoursText): string[] {
  return weekGroups(hours).map((g) => {
    const days = g.first === g.last ? text.weekday[g.first] : `${text.weekday[g.first]} – ${text.weekday[g.last]}`;
    return `${days}: ${periodsText(g.periods, text)}`;
  });
}

export function OutsideHoursNotice({ hours, timeZone, opening, language, onRate }: { hours: OpeningHours; timeZone: string; opening: OpeningState; language: Language; onRate: () => void }) {
  const text = hoursText[language];
  const today = opening.holiday !== null ? text.holidayToday(opening.holiday.name) : text.today(text.weekday[opening.weekday], periodsText(hours.week[opening.weekday], text));
  let opensAgain: string | null = null;
  if (opening.nextChange !== null) {
    const next = localClock(opening.nextChange, timeZone);
    const sameDay = next.day === localClock(new Date(), timeZone).day;
    opensAgain = text.opensAgain(sameDay ? null : text.weekday[next.weekday], clockLabel(next.clock));
  }
  return (
    <div className="hours-body" data-testid="outside-hours">
      <h1 className="hours-title">{text.outsideHours}</h1>
      <p className="hours-today">{today}</p>
      {opensAgain !== null && <p className="hours-next">{opensAgain}</p>}
      <section className="hours-week" aria-labelledby="hours-week-title">
        <h2 className="hours-week-title" id="hours-week-title">
          {text.workingHours}
        </h2>
        <ul className="hours-week-list">
          {weekLines(hours, text).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </section>
      <button type="button" className="hours-rate" onClick={onRate}>
        {text.rateAnyway}
      </button>
    </div>
  );
}
