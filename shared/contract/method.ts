import type { z } from 'zod';

export interface MethodSchema {
  input: z.ZodType;
  output: z.ZodType;
}

/** Identity at run time; keeps each domain's literal method names for the merged contract type. */
export function defineMethods<const M extends Record<string, MethodSchema>>(methods: M): M {
  return methods;
}

/** Merge domain contracts into one; a name declared twice is a bug, so it throws at load. */
export function mergeContracts<A extends Record<string, MethodSchema>, B extends Record<string, MethodSchema>>(
  a: A,
  b: B,
): A & B {
  for (const name of Object.keys(b)) {
    if (name in a) throw new Error(`Contract method declared twice: ${name}`);
  }
  return { ...a, ...b };
}
