import { logLevel, type logCreator } from 'kafkajs';

/** The slice of a pino logger the bridge needs (pino's Logger fits it). */
export interface LogSink {
  level?: string;
  error(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  info(fields: object, message: string): void;
  debug(fields: object, message: string): void;
}

/** kafkajs logs at the sink's level, so it formats nothing the sink would drop. */
export function kafkaLogLevel(sinkLevel: string | undefined): logLevel {
  switch (sinkLevel) {
    case 'trace':
    case 'debug':
      return logLevel.DEBUG;
    case 'info':
      return logLevel.INFO;
    case 'error':
    case 'fatal':
      return logLevel.ERROR;
    case 'silent':
      return logLevel.NOTHING;
    default:
      return logLevel.WARN;
  }
}

/**
 * kafkajs's log entries as the process's own JSON lines: the message as the line's message,
 * kafkajs's fields (broker, groupId, retryCount…) beside it, an error as `err` so it is
 * serialised with its stack. kafkajs's own timestamp and logger name give way to the sink's.
 */
export function kafkaLogCreator(sink: LogSink): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const { message, timestamp: _timestamp, logger: _logger, error, ...extra } = log as { message: string; timestamp?: string; logger?: string; error?: unknown; [key: string]: unknown };
      const fields = {
        component: 'kafkajs',
        ...(namespace ? { namespace } : {}),
        ...extra,
        ...(error instanceof Error ? { err: error } : error !== undefined ? { error: String(error) } : {}),
      };
      if (level <= logLevel.ERROR) sink.error(fields, message);
      else if (level === logLevel.WARN) sink.warn(fields, message);
      else if (level === logLevel.INFO) sink.info(fields, message);
      else sink.debug(fields, message);
    };
}
