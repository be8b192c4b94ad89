// The sign-in form (issue 16): username and password to POST /api/v1/session; a refusal is
// said in Vietnamese under the form (role="alert"), and focus goes back to the password so the
// next try is one keystroke away. The password is cleared after a refusal, never kept.
import { useId, useRef, useState, type FormEvent } from 'react';
import type { SessionAccount } from '../../../shared/central-accounts';
import type { CentralApi } from './central-api';
import { PROVINCE_TITLE_PLACEHOLDER, text } from './central-web-text';
import { signInRefusalText, UNREACHABLE_TEXT } from './refusal-text';

export interface SignInFormProps {
  /** The province's name, above the form; default: the placeholder. */
  province?: string;
  signIn: CentralApi['signIn'];
  onSignedIn: (account: SessionAccount) => void;
  now?: () => Date;
  /** Why the form is shown again (the session ended), if it is. */
  notice?: string | undefined;
}

export function SignInForm({ province = PROVINCE_TITLE_PLACEHOLDER, signIn, onSignedIn, now = () => new Date(), notice }: SignInFormProps) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const usernameRef = useRef<HTMLInputElement>(null);
  const problemId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (username.trim() === '' || password === '') {
      setProblem(text.needBoth);
      (username.trim() === '' ? usernameRef : passwordRef).current?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    const outcome = await signIn(username.trim(), password);
    setBusy(false);
    if (outcome.ok) {
      onSignedIn(outcome.value);
      return;
    }
    setPassword('');
    setProblem(outcome.refusal === null ? UNREACHABLE_TEXT : signInRefusalText(outcome.refusal, now()));
    passwordRef.current?.focus();
  }

  return (
    <main className="sign-in">
      <form className="sign-in-card" onSubmit={(event) => void submit(event)} noValidate aria-describedby={problem === null ? undefined : problemId}>
        <p className="sign-in-province">{province}</p>
        <p className="sign-in-product">{text.product}</p>
        <h1>{text.signInTitle}</h1>
        <p className="sign-in-intro">{text.signInIntro}</p>
        {notice !== undefined && <p className="notice">{notice}</p>}
        <label htmlFor="username">{text.username}</label>
        <input
          id="username"
          ref={usernameRef}
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          value={username}
          onChange={(event) => setUsername(event.target.value)}
        />
        <label htmlFor="password">{text.password}</label>
        <input
          id="password"
          ref={passwordRef}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          aria-invalid={problem !== null}
          onChange={(event) => setPassword(event.target.value)}
        />
        <div id={problemId} role="alert" className={problem === null ? 'problem empty' : 'problem'}>
          {problem}
        </div>
        <button type="submit" disabled={busy}>
          {busy ? text.signingIn : text.signIn}
        </button>
      </form>
    </main>
  );
}
