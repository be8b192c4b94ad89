// The hours screens load on demand, like the staff area: a kiosk shows them only outside the
// hours or after two quiet minutes, and the citizen screen's entry chunk has a size budget
// (tests/e2e/bundle-budget.test.ts). The rule that decides when (use-home-cover.ts) stays in it.
// The chunk is the app's own file (app:// in Electron, the loopback host in browser mode).
import { lazy, Suspense, type ComponentProps } from 'react';

const OutsideHoursNotice = lazy(() => import('./OutsideHoursNotice').then((m) => ({ default: m.OutsideHoursNotice })));
const AttractScreen = lazy(() => import('./AttractScreen').then((m) => ({ default: m.AttractScreen })));

export function LazyOutsideHoursNotice(props: ComponentProps<typeof OutsideHoursNotice>) {
  return (
    <Suspense fallback={null}>
      <OutsideHoursNotice {...props} />
    </Suspense>
  );
}

export function LazyAttractScreen(props: ComponentProps<typeof AttractScreen>) {
  // Until it has loaded: the same dark, empty screen (never the faces: the first touch must not rate).
  return (
    <Suspense fallback={<main className="screen" style={{ background: '#14211c' }} />}>
      <AttractScreen {...props} />
    </Suspense>
  );
}
