// The province admin's "Đơn vị" view (issue 16, first cut): the unit hierarchy from
// GET /api/v1/directory, nested as central keeps it, with each unit's one-stop offices and how
// many kiosks they have. The dashboard's numbers come in a later part.
import { useEffect, useState } from 'react';
import type { DirectoryOffice, DirectoryResponse, DirectoryUnit } from '../../../shared/central-directory';
import type { CentralApi } from './central-api';
import { text } from './central-web-text';
import { signInRefusalText, UNREACHABLE_TEXT } from './refusal-text';

type State = { kind: 'loading' } | { kind: 'ready'; directory: DirectoryResponse } | { kind: 'failed'; message: string };

function Office({ office }: { office: DirectoryOffice }) {
  return (
    <li className="office">
      <span className="office-name">{office.name ?? text.unnamedOffice}</span> <span className="code">{office.officeCode}</span>{' '}
      <span className="count">· {text.devices(office.devices.length)}</span>
    </li>
  );
}

function Unit({ unit, level, onOpenUnit }: { unit: DirectoryUnit; level: number; onOpenUnit?: ((code: string) => void) | undefined }) {
  return (
    <li className="unit">
      <div className="unit-line" role="heading" aria-level={Math.min(6, level)}>
        {onOpenUnit === undefined ? (
          <span className="unit-name">{unit.name}</span>
        ) : (
          <button type="button" className="link unit-name" onClick={() => onOpenUnit(unit.code)}>
            {unit.name}
          </button>
        )}{' '}
        <span className="code">{unit.code}</span>{' '}
        <span className="count">· {text.offices(unit.offices.length)}</span>
      </div>
      {(unit.offices.length > 0 || unit.units.length > 0) && (
        <ul>
          {unit.offices.map((office) => (
            <Office key={office.officeCode} office={office} />
          ))}
          {unit.units.map((child) => (
            <Unit key={child.code} unit={child} level={level + 1} onOpenUnit={onOpenUnit} />
          ))}
        </ul>
      )}
    </li>
  );
}

export function UnitsView({ directory, onSignInRequired, onOpenUnit }: { directory: CentralApi['directory']; onSignInRequired: () => void; /** Each unit's name opens its figures. */ onOpenUnit?: (code: string) => void }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    void directory().then((outcome) => {
      if (!live) return;
      if (outcome.ok) setState({ kind: 'ready', directory: outcome.value });
      else if (outcome.refusal?.code === 'SIGN_IN_REQUIRED') onSignInRequired();
      else setState({ kind: 'failed', message: outcome.refusal === null ? UNREACHABLE_TEXT : signInRefusalText(outcome.refusal, new Date()) });
    });
    return () => {
      live = false;
    };
  }, [directory, onSignInRequired]);

  if (state.kind === 'loading') return <p aria-live="polite">{text.loading}</p>;
  if (state.kind === 'failed') return <p role="alert" className="problem">{state.message}</p>;
  const { units, unassignedOffices } = state.directory;
  return (
    <section aria-labelledby="units-title">
      <h2 id="units-title">{text.unitsTitle}</h2>
      {units.length === 0 ? (
        <p>{text.noUnits}</p>
      ) : (
        <ul className="units">
          {units.map((unit) => (
            <Unit key={unit.code} unit={unit} level={3} onOpenUnit={onOpenUnit} />
          ))}
        </ul>
      )}
      {unassignedOffices.length > 0 && (
        <>
          <h3>{text.unassigned}</h3>
          <ul className="units">
            {unassignedOffices.map((office) => (
              <Office key={office.officeCode} office={office} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
