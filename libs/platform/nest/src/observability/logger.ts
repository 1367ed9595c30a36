import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Level, type Logger } from 'pino';
import { currentCorrelationId } from '@pledgebook/util';

export type LogLevel = Level;

/**
 * The process's JSON logger: one line per entry on stdout, with the service name and, inside a
 * request or message handler, its correlation id.
 */
export function createLogger(service: string, level: LogLevel = 'info', destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Inside a request or message handler, every line carries its correlation id (once).
      mixin: (merge: object, _level: number, self: Logger) => {
        const correlationId = currentCorrelationId();
        return correlationId && !('correlationId' in merge) && !('correlationId' in self.bindings()) ? { correlationId } : {};
      },
    },
    destination,
  );
}

/** Nest's logger interface on pino: Nest's own lines and every `new Logger(context)` become JSON. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    // Nest passes (message, stack?, context?).
    const context = params.length > 0 && typeof params[params.length - 1] === 'string' ? (params.pop() as string) : undefined;
    const stack = typeof params[0] === 'string' ? params[0] : undefined;
    const err = message instanceof Error ? message : undefined;
    this.logger.error({ ...(context ? { context } : {}), ...(stack ? { stack } : {}), ...(err ? { err } : {}) }, err ? err.message : text(message));
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    const context = params.length > 0 && typeof params[params.length - 1] === 'string' ? params[params.length - 1] : undefined;
    if (message !== null && typeof message === 'object' && !(message instanceof Error)) {
      this.logger[level]({ ...(context ? { context } : {}), ...(message as object) });
    } else {
      this.logger[level](context ? { context } : {}, text(message));
    }
  }
}

const text = (message: unknown): string => (message instanceof Error ? message.message : String(message));
