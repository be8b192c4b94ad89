// pino-roll ships no types; only what logger.ts uses (see its README and pino-roll.js).
declare module 'pino-roll' {
  import type SonicBoom from 'sonic-boom';
  interface PinoRollOptions {
    file: string;
    size?: string | number;
    extension?: string;
    limit?: { count?: number; removeOtherLogFiles?: boolean };
    mkdir?: boolean;
    sync?: boolean;
    mode?: number;
  }
  export default function pinoRoll(options: PinoRollOptions): Promise<SonicBoom>;
}
