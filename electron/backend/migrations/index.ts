// One file per schema version, listed here in order. Never edit a shipped migration: add one.
import { ratingsTable } from './001-ratings';
import { syncOutbox } from './002-sync-outbox';
import { staffAndShifts } from './003-staff-shifts';
import { settingsAudit } from './004-settings-audit';
import { auditKioskCli } from './005-audit-kiosk-cli';
import { reasonAnswers } from './006-reason-answers';
import { pinLockouts } from './007-pin-lockouts';
import { setupCodes } from './008-setup-codes';
import { pinResetFiles } from './009-pin-reset-files';
import { auditStaffArea } from './010-audit-staff-area';
import { defaultPinEnded } from './011-default-pin-ended';
import { recordChain } from './012-record-chain';
import { storageIncidents } from './013-storage-incidents';
import { dossierCodeIndex } from './014-dossier-code-index';
import type { Migration } from './migration';

export const migrations: readonly Migration[] = [ratingsTable, syncOutbox, staffAndShifts, settingsAudit, auditKioskCli, reasonAnswers, pinLockouts, setupCodes, pinResetFiles, auditStaffArea, defaultPinEnded, recordChain, storageIncidents, dossierCodeIndex];
export type { Migration } from './migration';
