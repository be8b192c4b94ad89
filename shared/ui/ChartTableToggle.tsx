// A chart's figures as a table, behind "Xem bảng số liệu": the chart's text alternative on the
// kiosk's dashboard and on central's page. A native disclosure: every reader (a screen reader, a
// keyboard, a finger on the touchscreen) can open it, and it takes no room until opened.
export const SHOW_TABLE = 'Xem bảng số liệu';

export function ChartTableToggle({ children }: { children: React.ReactNode }) {
  return (
    <details className="chart-details">
      <summary>{SHOW_TABLE}</summary>
      {children}
    </details>
  );
}
