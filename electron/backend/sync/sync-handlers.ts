import type { Handlers } from '../../../shared/contract';
import type { SyncEngine } from './sync-engine';

export function syncHandlers(engine: SyncEngine): Pick<Handlers, 'getSyncStatus' | 'syncNow'> {
  return {
    getSyncStatus: () => engine.status(),
    syncNow: async ({ reason }) => {
      await engine.trigger(reason);
      return engine.status();
    },
  };
}
