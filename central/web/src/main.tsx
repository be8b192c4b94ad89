// Entry of central's web page (issue 16): sign-in, then the frame the dashboard's views go in.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { CentralApp } from './CentralApp';
import { browserCentralApi } from './central-api';
import './central-web.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <CentralApp api={browserCentralApi} />
  </StrictMode>,
);
