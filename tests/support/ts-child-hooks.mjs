// For tests that must kill a real process at a chosen point (kill -9 mid-snapshot): lets a child
// `node --experimental-transform-types --import ./ts-child-hooks.mjs` load the project's
// TypeScript, whose imports name no extension (the bundler resolution of tsconfig.json).
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      if (!specifier.startsWith('.')) throw error;
      try {
        return nextResolve(`${specifier}.ts`, context);
      } catch {
        return nextResolve(`${specifier}/index.ts`, context);
      }
    }
  },
});
