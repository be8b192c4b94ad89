// The hours screens load on demand (../on-demand.ts), like the dossier step: a kiosk shows them
// only outside the hours or after two quiet minutes, and the citizen screen's entry chunk has a
// size budget (tests/e2e/bundle-budget.test.ts). The rule that decides when (use-home-cover.ts)
// stays in it. The chunk is the app's own file (app:// in Electron, the loopback host in browser
// mode); a failed fetch is tried again, never remembered.
import type { ComponentProps } from 'react';
import { onDemand, useOnDemand } from '../on-demand';
import type { AttractScreen } from './AttractScreen';
import type { OutsideHoursNotice } from './OutsideHoursNotice';

const outsideHoursChunk = onDemand(() => import('./OutsideHoursNotice'));
const attractChunk = onDemand(() => import('./AttractScreen'));

export function LazyOutsideHoursNotice(props: ComponentProps<typeof OutsideHoursNotice>) {
  const chunk = useOnDemand(outsideHoursChunk, true);
  return chunk === undefined ? null : <chunk.OutsideHoursNotice {...props} />;
}

export function LazyAttractScreen(props: ComponentProps<typeof AttractScreen>) {
  const chunk = useOnDemand(attractChunk, true);
  // Until it has loaded: the same dark, empty screen (never the faces: the first touch must not rate).
  return chunk === undefined ? <main className="screen" style={{ background: '#14211c' }} /> : <chunk.AttractScreen {...props} />;
}
