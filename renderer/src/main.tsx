// Bundled font with every Vietnamese diacritic; the kiosk may never see the internet.
import './fonts.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createKioskClient, transportForThisWindow } from './api/kiosk-client';
import { KioskApiProvider } from './api/kiosk-api-context';
import { HostProvider, hostForThisWindow } from './api/host-context';
import { KioskApp } from './KioskApp';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <KioskApiProvider api={createKioskClient(transportForThisWindow())}>
      <HostProvider host={hostForThisWindow()}>
        <KioskApp />
      </HostProvider>
    </KioskApiProvider>
  </StrictMode>,
);
