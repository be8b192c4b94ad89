import type { z } from 'zod';

export interface MethodSchema {
  input: z.ZodType;
  output: z.ZodType;
}

/** Identity at run time; keeps each domain's literal method names for the merged contract type. */
export function defineMethods<const M extends Record<string, MethodSchema>>(methods: M): M {
  return methods;
}

type Merged<T extends readonly Record<string, MethodSchema>[]> = T extends readonly [infer Head, ...infer Rest extends Record<string, MethodSchema>[]]
  ? Head & Merged<Rest>
  : unknown;

/** Merge domain contracts into one; a name declared twice is a bug, so it throws at load. */
export function mergeContracts<const T extends readonly Record<string, MethodSchema>[]>(...parts: T): Merged<T> {
  const merged: Record<string, MethodSchema> = {};
  for (const part of parts) {
    for (const [name, method] of Object.entries(part)) {
      if (name in merged) throw new Error(`Contract method declared twice: ${name}`);
      merged[name] = method;
    }
  }
  return merged as Merged<T>;
}
