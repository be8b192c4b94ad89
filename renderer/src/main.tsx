// Bundled font with every Vietnamese diacritic; the kiosk may never see the internet.
import '@fontsource/be-vietnam-pro/500.css';
import '@fontsource/be-vietnam-pro/700.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createKioskClient, transportForThisWindow } from './api/kiosk-client';
import { KioskApiProvider } from './api/kiosk-api-context';
import { CitizenScreen } from './screens/CitizenScreen';
import { useSyncWhenOnline } from './sync/use-sync-status';

function App() {
  useSyncWhenOnline();
  return <CitizenScreen />;
}

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <KioskApiProvider api={createKioskClient(transportForThisWindow())}>
      <App />
    </KioskApiProvider>
  </StrictMode>,
);
