// Offices and officers as the dashboard names them (issue 16): an office by the name its kiosks
// sent in their directory, as central's figures list it in `offices`, not by its code, which means
// nothing to a district committee (central itself answers the code when no kiosk of the office has
// named it yet); an officer by their title and office.
import type { DashboardFigures } from '../../../shared/central-dashboard';

export function officeNameOf(figures: Pick<DashboardFigures, 'offices'>, officeCode: string | null): string {
  if (officeCode === null) return '—';
  return figures.offices.find((o) => o.code === officeCode)?.name ?? officeCode;
}

/** "Title · Office" under an officer's name; null when the period has none of their ratings to say it from. */
export function officerPlaceOf(figures: Pick<DashboardFigures, 'offices' | 'byOfficer'>): string | null {
  const row = figures.byOfficer.find((o) => o.officerId !== null);
  if (row === undefined) return null;
  return [row.title, officeNameOf(figures, row.officeCode)].filter((part) => part !== '' && part !== '—').join(' · ');
}
