// The citizen's screen: home → (tap) saving → [reasons, after a negative rating] → thank-you →
// home. The thank-you (or the reasons question) appears only after the backend says the rating
// is committed; taps while saving or thanking are ignored. Out of service there is one notice,
// each cause a case of it (NoticeCause): a backend whose storage is out (OUT_OF_SERVICE with its
// cause and incident code), a backend that does not answer (the page knows before anyone taps:
// useBackendConnection), a host that no longer accepts the page, any other fault. It says "your
// rating was not recorded" only after a tap failed. It goes when a retry finds the home screen
// again, or at once when the backend says it is back in service (`serviceChanged`) or answers
// again, without a reload. The office name (and emblem), held for 3 seconds, is the staff's way
// in (onStaffEntry), on the faces and on the notice alike. The language switch lasts for one
// citizen.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Language } from '../../../shared/citizen-options';
import type { HomeScreen } from '../../../shared/contract';
import type { KioskError } from '../../../shared/result';
import { asksForReasons, scales, type RatingLevel } from '../../../shared/scale-levels';
import { useBackendConnection, useKioskApi } from '../api/kiosk-api-context';
import type { BackendConnection } from '../api/kiosk-client';
import { Face } from '../components/Face';
import { ThanksMark } from '../components/ThanksMark';
import { NotSetUpNotice } from '../it/NotSetUpNotice';
import { useNeedsSetup } from '../it/use-setup-state';
import { StaffEntryHold } from '../staff/StaffEntryHold';
import { SyncStatusLine } from '../sync/SyncStatusLine';
import { citizenText } from './citizen-text';
import { DossierLine } from './dossier/DossierLine';
import { dossierStepChunk } from './dossier/load-dossier-step';
import { useOnDemand } from './on-demand';
import { useDossierCode } from './dossier/use-dossier-code';
import { useScanner } from './dossier/use-scanner';
import { LazyAttractScreen, LazyOutsideHoursNotice } from './hours/lazy-covers';
import { ATTRACT_AFTER_SECONDS, useHomeCover } from './hours/use-home-cover';
import { OfficerOnDuty } from './OfficerOnDuty';
import { ReasonsQuestion } from './ReasonsQuestion';
import { ReportPathNotice } from './ReportPathNotice';

type ScreenState =
  | { kind: 'loading' }
  | { kind: 'home'; home: HomeScreen }
  | { kind: 'saving'; home: HomeScreen; level: number }
  | { kind: 'reasons'; home: HomeScreen; chosen: RatingLevel; ratingId: string }
  | { kind: 'thanks'; home: HomeScreen; chosen: RatingLevel }
  /** After a reason on the report path (issue 15): where to report, and the rating's code. */
  | { kind: 'report'; home: HomeScreen; chosen: RatingLevel; referenceCode: string }
  | { kind: 'out-of-service'; afterTap: boolean; cause: NoticeCause; officeName: string };

/** Why the notice shows. */
type NoticeCause =
  /** The backend named its outage: a short cause and the code IT looks up. */
  | { kind: 'outage'; cause: string; incidentCode: string }
  /** No answer from the backend: the page is reconnecting by itself. */
  | { kind: 'unreachable' }
  /** The host refuses this page's secret: only opening its new address helps. */
  | { kind: 'address-changed' }
  | { kind: 'fault' };

/** The office last shown, for the notice's way into the staff area ('' before any home screen). */
function officeNameOf(state: ScreenState): string {
  if (state.kind === 'loading') return '';
  return state.kind === 'out-of-service' ? state.officeName : state.home.officeName;
}

function causeOf(error: KioskError): NoticeCause {
  if (error.code === 'OUT_OF_SERVICE' && error.incidentCode !== undefined) return { kind: 'outage', cause: error.detail ?? error.message, incidentCode: error.incidentCode };
  if (error.code === 'UNAVAILABLE') return { kind: 'unreachable' };
  if (error.code === 'UNAUTHORIZED') return { kind: 'address-changed' };
  return { kind: 'fault' };
}

export const QUESTION = citizenText.vi.question;
export const THANK_YOU = citizenText.vi.thankYou;
export const OUT_OF_SERVICE = citizenText.vi.outOfService;

export function CitizenScreen({
  retrySeconds = 15,
  onStaffEntry = () => {},
  attractAfterSeconds = ATTRACT_AFTER_SECONDS,
}: {
  retrySeconds?: number;
  onStaffEntry?: () => void;
  attractAfterSeconds?: number;
}) {
  const api = useKioskApi();
  const [state, setState] = useState<ScreenState>({ kind: 'loading' });
  const [language, setLanguage] = useState<Language>('vi');
  const text = citizenText[language];
  // "Chữ lớn" (issue 15): the question, the tiles' labels and the reasons, larger, for this
  // citizen only — like the language, it is back to normal for the next one.
  const [largeText, setLargeText] = useState(false);
  const sized = (className: string) => (largeText ? `${className} screen--large-text` : className);
  // A kiosk nobody has set up shows a notice for IT staff instead of the buttons (issue 5).
  const needsSetup = useNeedsSetup();
  // A ref, not state: a second tap in the same frame must see "busy" before React re-renders.
  const busy = useRef(false);
  // The dossier code for the next rating (issue 15): scanned (on the home screen only) or typed.
  const dossier = useDossierCode(api, state.kind === 'home' || state.kind === 'saving' ? state.home.dossier : null);
  const clearDossier = dossier.clear;

  // Bumped to (re)load the home screen: at start, after the thank-you, after an outage.
  const [homeRequest, setHomeRequest] = useState(0);
  const showHome = useCallback(() => {
    setLanguage('vi'); // the next citizen starts in Vietnamese, at the usual size
    setLargeText(false);
    clearDossier();
    setHomeRequest((n) => n + 1);
  }, [clearDossier]);

  useEffect(() => {
    let current = true;
    void api.getHomeScreen({}).then((reply) => {
      if (!current) return;
      busy.current = false;
      setState((s) => (reply.ok ? { kind: 'home', home: reply.data } : { kind: 'out-of-service', afterTap: false, cause: causeOf(reply.error), officeName: officeNameOf(s) }));
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
          setState((s) => (s.kind === 'home' || s.kind === 'saving' || s.kind === 'reasons' || s.kind === 'thanks' || s.kind === 'report' ? { ...s, home: reply.data } : s));
        });
      }),
    [api],
  );

  // Out of service or back: whatever the screen shows, it asks again (a tap being saved is
  // answered by its own reply).
  const shown = useRef<ScreenState['kind']>('loading');
  useEffect(() => {
    shown.current = state.kind;
  }, [state.kind]);
  useEffect(
    () =>
      api.subscribe('serviceChanged', () => {
        if (shown.current === 'home' || shown.current === 'out-of-service') showHome();
      }),
    [api, showHome],
  );

  // The backend stopped answering: the faces give way to the notice before anyone taps (a tap
  // being saved, the reasons or the thank-you finish first: they end on the home screen, which
  // then cannot load). It answers again: the screen asks again, as after `serviceChanged`.
  const wasDown = useRef(false);
  const onConnection = useCallback(
    (connection: BackendConnection) => {
      if (connection === 'down' || connection === 'refused') {
        wasDown.current = true;
        const cause: NoticeCause = connection === 'down' ? { kind: 'unreachable' } : { kind: 'address-changed' };
        setState((s) =>
          s.kind === 'home' || s.kind === 'loading' || s.kind === 'out-of-service'
            ? { kind: 'out-of-service', afterTap: s.kind === 'out-of-service' && s.afterTap, cause, officeName: officeNameOf(s) }
            : s,
        );
      } else if (connection === 'up' && wasDown.current) {
        wasDown.current = false;
        if (shown.current === 'home' || shown.current === 'out-of-service') showHome();
      }
    },
    [showHome],
  );
  useBackendConnection(onConnection);

  useEffect(() => {
    if (state.kind !== 'thanks' && state.kind !== 'out-of-service') return undefined;
    const seconds = state.kind === 'thanks' ? state.home.thankYouSeconds : retrySeconds;
    const timer = setTimeout(showHome, seconds * 1000);
    return () => clearTimeout(timer);
  }, [state, retrySeconds, showHome]);

  // Opening hours (issue 15): outside them a notice with the hours covers the faces; within them,
  // after a quiet while, the attract screen. Only on the home screen, never during a tap.
  const { cover, reveal, wake } = useHomeCover(state.kind === 'home' && !needsSetup ? state.home : null, homeRequest, attractAfterSeconds);
  const dossierStep = useOnDemand(dossierStepChunk, dossier.view !== null || dossier.gated);
  // A scan is a citizen asking to rate: it also lifts the attract screen or the outside-hours notice.
  useScanner(state.kind === 'home' && !needsSetup && state.home.dossier.capture, (code) => {
    reveal();
    void dossier.offer(code);
  });

  const tap = async (home: HomeScreen, chosen: RatingLevel) => {
    if (busy.current) return;
    busy.current = true;
    setState({ kind: 'saving', home, level: chosen.level });
    const reply = await api.submitRating({ scale: home.scaleId, level: chosen.level, ...(dossier.code === undefined ? {} : { dossierCode: dossier.code }) });
    if (reply.ok) clearDossier();
    if (!reply.ok && (reply.error.code === 'DOSSIER_ALREADY_RATED' || reply.error.code === 'DOSSIER_CODE_INVALID')) {
      busy.current = false;
      dossier.refused(reply.error.code);
      setState({ kind: 'home', home });
    } else if (reply.ok && home.reasons.length > 0 && asksForReasons(home.scaleId, chosen.level)) setState({ kind: 'reasons', home, chosen, ratingId: reply.data.id });
    else if (reply.ok) setState({ kind: 'thanks', home, chosen });
    else if (reply.error.code === 'SCALE_MISMATCH' || reply.error.code === 'DOSSIER_CODE_REQUIRED') showHome();
    else setState({ kind: 'out-of-service', afterTap: true, cause: causeOf(reply.error), officeName: home.officeName });
  };

  // The rating is already counted: whatever happens to the reasons, the citizen is thanked.
  // After a report-path reason the screen waits for the stored answer's reference code (a
  // local write) and shows where to report; without a code it thanks as usual.
  const sendingReasons = useRef(false);
  const sendReasons = async (ratingId: string, codes: string[]) => {
    if (state.kind !== 'reasons' || sendingReasons.current) return;
    const { home, chosen } = state;
    if (!home.reasons.some((r) => r.reportPath && codes.includes(r.code))) {
      setState({ kind: 'thanks', home, chosen });
      await api.submitReasons({ ratingId, reasonCodes: codes });
      return;
    }
    sendingReasons.current = true;
    const reply = await api.submitReasons({ ratingId, reasonCodes: codes });
    sendingReasons.current = false;
    const referenceCode = reply.ok ? reply.data.referenceCode : null;
    setState((s) => (s.kind !== 'reasons' ? s : referenceCode === null ? { kind: 'thanks', home, chosen } : { kind: 'report', home, chosen, referenceCode }));
  };
  const closeReport = useCallback(() => setState((s) => (s.kind === 'report' ? { kind: 'thanks', home: s.home, chosen: s.chosen } : s)), []);
  const skipReasons = useCallback(() => setState((s) => (s.kind === 'reasons' ? { kind: 'thanks', home: s.home, chosen: s.chosen } : s)), []);

  switch (state.kind) {
    case 'loading':
      return <main className="screen screen--loading" aria-busy="true" />;
    case 'out-of-service':
      return (
        <main className="screen screen--notice" role="alert" data-cause={state.cause.kind}>
          <header className="office-bar">
            <StaffEntryHold onOpen={onStaffEntry}>
              <span className="office-name">{state.officeName}</span>
            </StaffEntryHold>
          </header>
          <h1 className="notice-title">{text.outOfService}</h1>
          {state.afterTap && <p className="notice-text">{text.outOfServiceLines[0]}</p>}
          {state.cause.kind === 'unreachable' && <p className="notice-text">{text.reconnecting}</p>}
          <p className="notice-text">{text.outOfServiceLines[1]}</p>
          {state.cause.kind === 'outage' && (
            <p className="notice-incident" lang="vi">
              {state.cause.cause} · {text.incidentCode(state.cause.incidentCode)}
            </p>
          )}
          {state.cause.kind === 'address-changed' && <p className="notice-incident">{text.addressChanged}</p>}
        </main>
      );
    case 'reasons':
      return <ReasonsQuestion className={sized('screen screen--reasons')} reasons={state.home.reasons} text={text} onSend={(codes) => void sendReasons(state.ratingId, codes)} onSkip={skipReasons} />;
    case 'report':
      return <ReportPathNotice contact={state.home.reportContact} referenceCode={state.referenceCode} text={text} onClose={closeReport} />;
    case 'thanks':
      return (
        <main className="screen screen--notice" role="status">
          {/* One calm mark for every level: a frowning face after a bad rating read as the
              kiosk being upset with the citizen (issue 14). */}
          <ThanksMark />
          <h1 className="notice-title">{text.thankYou}</h1>
          <p className="notice-text" data-testid="thanks-more">
            {state.chosen.satisfied ? text.thankYouMore : text.thankYouFeedback}
          </p>
        </main>
      );
    case 'home':
    case 'saving': {
      const { home } = state;
      const saving = state.kind === 'saving' ? state.level : null;
      if (cover?.kind === 'attract') return <LazyAttractScreen languages={home.languages} onWake={wake} />;
      return (
        <main className={sized('screen screen--home')}>
          <header className="office-bar">
            <StaffEntryHold onOpen={onStaffEntry}>
              <span className="office-name">{home.officeName}</span>
            </StaffEntryHold>
            <span className="office-bar-end">
              {!needsSetup &&
                home.languages
                  .filter((l) => l !== language)
                  .map((l) => (
                    <button key={l} type="button" className="language-switch" lang={l} onClick={() => setLanguage(l)}>
                      {citizenText[l].switchLabel}
                    </button>
                  ))}
              {!needsSetup && (
                <button type="button" className="language-switch text-size-switch" lang={language} aria-pressed={largeText} onClick={() => setLargeText((on) => !on)}>
                  {text.largeText}
                </button>
              )}
              <span className="counter">{text.counter(home.counterNumber)}</span>
            </span>
          </header>
          {home.officer !== null && <OfficerOnDuty officer={home.officer} label={text.officerOnDuty} />}
          {needsSetup ? (
            <NotSetUpNotice />
          ) : cover?.kind === 'outside-hours' ? (
            <LazyOutsideHoursNotice hours={home.openingHours} timeZone={home.timeZone} opening={cover.opening} language={language} onRate={reveal} />
          ) : dossier.view !== null || dossier.gated ? (
            dossierStep === undefined ? (
              <section className="dossier-gate" aria-busy="true" />
            ) : (
              <dossierStep.DossierStep dossier={dossier} rule={home.dossier} language={language} enter={text.dossier.enter} />
            )
          ) : (
            <>
              <h1 className="question" lang={language}>
                {text.question}
              </h1>
              <p className="hint">{text.hint}</p>
              <DossierLine dossier={dossier} rule={home.dossier} text={text.dossier} />
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
                    <span className="level-label">{text.level(level)}</span>
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
