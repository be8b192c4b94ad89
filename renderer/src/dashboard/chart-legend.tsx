// Chart text in ink, not in the series colour: a light green label on white is unreadable.
export function legendText(value: string) {
  return <span className="legend-text">{value}</span>;
}

export const tooltipItem = { color: '#1c1b18' } as const;
