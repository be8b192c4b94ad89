// Bundled font with every Vietnamese diacritic; the kiosk may never see the internet.
import './fonts.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createKioskClient, transportForThisWindow } from './api/kiosk-client';
import { KioskApiProvider } from './api/kiosk-api-context';
import { ShellApiProvider } from './api/shell-api-context';
import { shellApiForThisWindow } from './api/shell-client';
import { KioskApp } from './KioskApp';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <KioskApiProvider api={createKioskClient(transportForThisWindow())}>
      <ShellApiProvider shell={shellApiForThisWindow()}>
        <KioskApp />
      </ShellApiProvider>
    </KioskApiProvider>
  </StrictMode>,
);
