// Chart text in ink, not in the series colour: a light green label on white is unreadable. The kiosk
// and central style `.legend-text` each in their own stylesheet.
export function legendText(value: string) {
  return <span className="legend-text">{value}</span>;
}

export const tooltipItem = { color: '#1c1b18' } as const;
