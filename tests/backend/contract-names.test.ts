// The preload bundles shared/contract/names.ts (no zod) instead of the contract. The list is
// checked against the declared methods when the contract loads; these tests prove the check
// bites, and that the Electron-only list agrees with the methods declared `host: 'electron'`.
import { describe, expect, it } from 'vitest';
import { contract, hostOf, type MethodName } from '../../shared/contract';
import { checkMethodNames, electronMethodNames, hostHasMethod, methodNames } from '../../shared/contract/names';

describe('the names-only lists', () => {
  it('name every declared contract method exactly once', () => {
    expect([...methodNames].sort()).toEqual(Object.keys(contract).sort());
    expect(() => checkMethodNames(Object.keys(contract))).not.toThrow();
  });

  it('refuse a method declared but not listed, or listed but not declared', () => {
    expect(() => checkMethodNames([...Object.keys(contract), 'dropRatings'])).toThrow(/not listed \[dropRatings\]/);
    expect(() => checkMethodNames(Object.keys(contract).filter((n) => n !== 'submitRating'))).toThrow(/listed but not declared \[submitRating\]/);
  });

  it('name every Electron-only method, and only those', () => {
    const declared = (Object.keys(contract) as MethodName[]).filter((name) => hostOf(name) === 'electron');
    expect([...electronMethodNames].sort()).toEqual(declared.sort());
    expect(declared.sort()).toEqual(['chooseFolder', 'exitKiosk', 'savePdfReport']);
    for (const name of methodNames) {
      expect(hostHasMethod('electron', name)).toBe(true);
      expect(hostHasMethod('browser', name)).toBe(hostOf(name) === 'any');
    }
  });
});
