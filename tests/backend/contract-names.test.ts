// The preload bundles shared/contract/names.ts (no zod) instead of the contract. The list is
// checked against the declared methods when the contract loads; these tests prove the check
// bites, and that the shell capabilities' list agrees with their declarations too.
import { describe, expect, it } from 'vitest';
import { contract } from '../../shared/contract';
import { checkMethodNames, methodNames } from '../../shared/contract/names';
import { shellCapabilities } from '../../shared/shell-bridge';
import { shellCapabilityNames } from '../../shared/shell-bridge-names';

describe('the names-only lists', () => {
  it('name every declared contract method exactly once', () => {
    expect([...methodNames].sort()).toEqual(Object.keys(contract).sort());
    expect(() => checkMethodNames(Object.keys(contract))).not.toThrow();
  });

  it('refuse a method declared but not listed, or listed but not declared', () => {
    expect(() => checkMethodNames([...Object.keys(contract), 'dropRatings'])).toThrow(/not listed \[dropRatings\]/);
    expect(() => checkMethodNames(Object.keys(contract).filter((n) => n !== 'submitRating'))).toThrow(/listed but not declared \[submitRating\]/);
  });

  it('name every shell capability', () => {
    expect([...shellCapabilityNames]).toEqual(Object.keys(shellCapabilities));
  });
});
