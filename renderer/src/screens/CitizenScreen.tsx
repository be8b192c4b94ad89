// The citizen's screen: home → (tap) saving → thank-you → home. The thank-you appears only
// after the backend says the rating is committed; taps while saving or thanking are ignored.
// The office name, held for 3 seconds, is the staff's way in (onStaffEntry).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HomeScreen } from '../../../shared/contract';
import { scales, type RatingLevel } from '../../../shared/scales';
import { useKioskApi } from '../api/kiosk-api-context';
import { Face } from '../components/Face';
import { NotSetUpNotice } from '../it/NotSetUpNotice';
import { useNeedsSetup } from '../it/use-setup-state';
import { StaffEntryHold } from '../staff/StaffEntryHold';
import { SyncStatusLine } from '../sync/SyncStatusLine';
import { OfficerOnDuty } from './OfficerOnDuty';

type ScreenState =
  | { kind: 'loading' }
  | { kind: 'home'; home: HomeScreen }
  | { kind: 'saving'; home: HomeScreen; level: number }
  | { kind: 'thanks'; home: HomeScreen; chosen: RatingLevel }
  | { kind: 'out-of-service' };

export const QUESTION = 'Ông/Bà có hài lòng với sự phục vụ của cán bộ hôm nay không?';
export const THANK_YOU = 'Cảm ơn Ông/Bà đã đánh giá!';
export const OUT_OF_SERVICE = 'Máy đánh giá tạm ngừng phục vụ';

export function CitizenScreen({ retrySeconds = 15, onStaffEntry = () => {} }: { retrySeconds?: number; onStaffEntry?: () => void }) {
  const api = useKioskApi();
  const [state, setState] = useState<ScreenState>({ kind: 'loading' });
  // A kiosk nobody has set up shows a notice for IT staff instead of the buttons (issue 5).
  const needsSetup = useNeedsSetup();
  // A ref, not state: a second tap in the same frame must see "busy" before React re-renders.
  const busy = useRef(false);

  // Bumped to (re)load the home screen: at start, after the thank-you, after an outage.
  const [homeRequest, setHomeRequest] = useState(0);
  const showHome = useCallback(() => setHomeRequest((n) => n + 1), []);

  useEffect(() => {
    let current = true;
    void api.getHomeScreen({}).then((reply) => {
      if (!current) return;
      busy.current = false;
      setState(reply.ok ? { kind: 'home', home: reply.data } : { kind: 'out-of-service' });
    });
    return () => {
      current = false;
    };
  }, [api, homeRequest]);

  // A shift started or ended: show who serves now. Only the home data changes; a tap being
  // saved or thanked for goes on (the thank-you reloads the home screen anyway).
  useEffect(
    () =>
      api.subscribe('shiftChanged', () => {
        void api.getHomeScreen({}).then((reply) => {
          if (!reply.ok) return;
          setState((s) => (s.kind === 'home' || s.kind === 'saving' || s.kind === 'thanks' ? { ...s, home: reply.data } : s));
        });
      }),
    [api],
  );

  useEffect(() => {
    if (state.kind !== 'thanks' && state.kind !== 'out-of-service') return undefined;
    const seconds = state.kind === 'thanks' ? state.home.thankYouSeconds : retrySeconds;
    const timer = setTimeout(showHome, seconds * 1000);
    return () => clearTimeout(timer);
  }, [state, retrySeconds, showHome]);

  const tap = async (home: HomeScreen, chosen: RatingLevel) => {
    if (busy.current) return;
    busy.current = true;
    setState({ kind: 'saving', home, level: chosen.level });
    const reply = await api.submitRating({ scale: home.scaleId, level: chosen.level });
    if (reply.ok) setState({ kind: 'thanks', home, chosen });
    else if (reply.error.code === 'SCALE_MISMATCH') showHome();
    else setState({ kind: 'out-of-service' });
  };

  switch (state.kind) {
    case 'loading':
      return <main className="screen screen--loading" aria-busy="true" />;
    case 'out-of-service':
      return (
        <main className="screen screen--notice" role="alert">
          <h1 className="notice-title">{OUT_OF_SERVICE}</h1>
          <p className="notice-text">Xin lỗi Ông/Bà, đánh giá vừa rồi chưa được ghi nhận.</p>
          <p className="notice-text">Vui lòng báo cán bộ tại quầy. Xin cảm ơn!</p>
        </main>
      );
    case 'thanks':
      return (
        <main className="screen screen--notice" role="status">
          <div className="thanks-face">
            <Face mood={state.chosen.mood} colour={state.chosen.background} />
          </div>
          <h1 className="notice-title">{THANK_YOU}</h1>
          <p className="notice-text">Ý kiến của Ông/Bà giúp chúng tôi phục vụ tốt hơn.</p>
        </main>
      );
    case 'home':
    case 'saving': {
      const { home } = state;
      const saving = state.kind === 'saving' ? state.level : null;
      return (
        <main className="screen screen--home">
          <header className="office-bar">
            <StaffEntryHold onOpen={onStaffEntry}>
              <span className="office-name">{home.officeName}</span>
            </StaffEntryHold>
            <span className="counter">Quầy số {home.counterNumber}</span>
          </header>
          {home.officer !== null && <OfficerOnDuty officer={home.officer} />}
          {needsSetup ? (
            <NotSetUpNotice />
          ) : (
            <>
              <h1 className="question">{QUESTION}</h1>
              <p className="hint">Xin chạm vào một ô bên dưới</p>
              <div className={`levels levels--${scales[home.scaleId].length}`}>
                {scales[home.scaleId].map((level) => (
                  <button
                    key={level.level}
                    type="button"
                    className="level-button"
                    style={{ background: level.background, color: level.foreground }}
                    aria-disabled={saving !== null}
                    data-pressed={saving === level.level}
                    onClick={() => void tap(home, level)}
                  >
                    <Face mood={level.mood} colour={level.foreground} />
                    <span className="level-label">{level.label}</span>
                  </button>
                ))}
              </div>
            </>
          )}
          <SyncStatusLine />
        </main>
      );
    }
  }
}
