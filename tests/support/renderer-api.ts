// UI tests install only the methods they need; calls still go through the real contract client,
// so every reply is parsed exactly as it is in the app.
import type { MethodName, MethodOutput, KioskApi } from '../../shared/contract';
import type { Result } from '../../shared/result';
import { createKioskClient } from '../../renderer/src/api/kiosk-client';

export type FakeMethods = { [N in MethodName]?: (input: unknown) => Result<MethodOutput<N>> | Promise<Result<MethodOutput<N>>> };

export function fakeKioskApi(methods: FakeMethods): KioskApi {
  return createKioskClient(async (name, input) => {
    const method = methods[name];
    if (method === undefined) throw new Error(`test did not install ${name}`);
    return method(input);
  });
}
