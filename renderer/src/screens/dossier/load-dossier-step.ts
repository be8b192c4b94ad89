// The dossier step (keypad, refusals, the request for a code) and the format rule, loaded on
// demand: the citizen screen's entry chunk has a budget (tests/e2e/bundle-budget.test.ts). The
// home screen asks for them as soon as the office takes dossier codes, so they are there before
// anyone scans or touches "Nhập mã hồ sơ".
export const loadDossierStep = () => import('./DossierStep').then((m) => ({ default: m.DossierStep }));
export const loadDossierRule = () => import('./DossierStep');
