// What pino-roll (the log rotation, electron/backend/logger.ts) takes from date-fns, and only
// that. pino-roll's lib/utils.js does `require('date-fns')`: the CJS root, ~250 modules and
// ~70–130 ms at every start of the browser host, the CLI and the shell. build/bundle.ts points
// that one require here; each name comes from its own submodule, the way our code imports them
// (eslint.config.js forbids the root). Keep this list in step with pino-roll's lib/utils.js: a
// name it uses and this file lacks is undefined there (tests/e2e/bundle-budget.test.ts checks).
export { addDays } from 'date-fns/addDays';
export { addHours } from 'date-fns/addHours';
export { format } from 'date-fns/format';
export { isValid } from 'date-fns/isValid';
export { parse } from 'date-fns/parse';
