// Who ran a central command, for the logs that name people (device_key_changes): the --by label
// when given, else the OS account at the keyboard, as the kiosk CLI names its actor.
import { userInfo } from 'node:os';

export function centralCliActor(by: string | undefined, env: Record<string, string | undefined>, osUserName: () => string = () => userInfo().username): string {
  if (by !== undefined) return by;
  let user: string | undefined;
  try {
    user = osUserName();
  } catch {
    // userInfo() throws for an account without a passwd entry (containers, some services).
  }
  const name = [user, env.USER, env.USERNAME].find((n) => n !== undefined && n.trim() !== '') ?? 'không rõ';
  return `dòng lệnh (${name})`;
}
