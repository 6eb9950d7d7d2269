import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { installEgressGuard } from './egress-guard';
import { startPipelines } from './pipelines';
import { registerServiceWorker } from './service-worker';
import './styles.css';

installEgressGuard();
startPipelines();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
registerServiceWorker();
