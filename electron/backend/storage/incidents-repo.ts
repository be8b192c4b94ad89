// The kiosk's storage incidents (issue 12, migration 013): each signed incident recorded once,
// sent to central with every format 2 batch or sync file until one carrying it is acknowledged.
import type { Database } from 'better-sqlite3';
import { incidentSchema, type Incident } from '../../../shared/sync/incident';

export interface IncidentRow {
  id: string;
  at: string;
  kind: string;
  record: string;
  sent_at: string | null;
}

export interface StoredIncident {
  incident: Incident;
  sentAt: string | null;
}

/** Records a signed incident (validated first); recording the same id again is a no-op. */
export function insertIncident(db: Database, incident: Incident): void {
  const parsed = incidentSchema.parse(incident);
  db.prepare('INSERT INTO storage_incidents (id, at, kind, record) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING').run(
    parsed.id,
    parsed.detectedAt,
    parsed.kind,
    JSON.stringify(parsed),
  );
}

/** Incidents central has not acknowledged yet, oldest first. */
export function unsentIncidents(db: Database): Incident[] {
  const rows = db.prepare('SELECT * FROM storage_incidents WHERE sent_at IS NULL ORDER BY at, rowid').all() as IncidentRow[];
  return rows.map((row) => incidentSchema.parse(JSON.parse(row.record)));
}

/** Marks incidents acknowledged by central; one already marked keeps its first time. */
export function markIncidentsSent(db: Database, ids: readonly string[], at: string): void {
  const mark = db.prepare('UPDATE storage_incidents SET sent_at = ? WHERE id = ? AND sent_at IS NULL');
  db.transaction(() => {
    for (const id of ids) mark.run(at, id);
  })();
}

/** Every incident, newest first (diagnostics). */
export function listIncidents(db: Database): StoredIncident[] {
  const rows = db.prepare('SELECT * FROM storage_incidents ORDER BY at DESC, rowid DESC').all() as IncidentRow[];
  return rows.map((row) => ({ incident: incidentSchema.parse(JSON.parse(row.record)), sentAt: row.sent_at }));
}
