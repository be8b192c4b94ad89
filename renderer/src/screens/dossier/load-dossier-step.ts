// The dossier step (keypad, refusals, the request for a code) and the format rule, one chunk
// fetched on demand (../on-demand.ts): the citizen screen's entry chunk has a budget
// (tests/e2e/bundle-budget.test.ts). The home screen prefetches it as soon as the office takes
// dossier codes, so it is there before anyone scans or touches "Nhập mã hồ sơ".
import { onDemand } from '../on-demand';

export const dossierStepChunk = onDemand(() => import('./DossierStep'));
