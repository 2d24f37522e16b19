/** Logs: the cycle's summary line is how the benchmark knows a cycle ended. */
import {
  LoggerService,
  RootLoggerService,
} from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';

export interface LogEntry {
  level: 'error' | 'warn' | 'info' | 'debug';
  message: string;
  fields: JsonObject;
  at: number;
}

interface LogWaiter {
  match: (entry: LogEntry) => boolean;
  fail: (entry: LogEntry) => boolean;
  resolve: (entry: LogEntry) => void;
  reject: (error: Error) => void;
}

/** Keeps nothing; hands entries to waiters and prints warnings and errors. */
export class LogSink {
  private waiters: LogWaiter[] = [];
  private muted = false;

  /** Stops printing; for the end of a backend's life, when nothing is measured. */
  mute(muted: boolean) {
    this.muted = muted;
  }

  write(level: LogEntry['level'], message: unknown, fields: JsonObject) {
    if (level === 'debug') return;
    const entry: LogEntry = {
      level,
      message: message instanceof Error ? message.message : String(message),
      fields,
      at: Date.now(),
    };
    if (level !== 'info' && !this.muted) {
      const plugin = fields.plugin ? `${fields.plugin}: ` : '';
      process.stderr.write(`  [${level}] ${plugin}${entry.message}\n`);
    }
    this.waiters = this.waiters.filter(waiter => {
      if (waiter.match(entry)) {
        waiter.resolve(entry);
        return false;
      }
      if (waiter.fail(entry)) {
        waiter.reject(new Error(`${entry.level}: ${entry.message}`));
        return false;
      }
      return true;
    });
  }

  /** The next entry that matches; rejects on one that `fail` matches. */
  next(
    match: LogWaiter['match'],
    fail: LogWaiter['fail'] = () => false,
  ): Promise<LogEntry> {
    return new Promise((resolve, reject) => {
      this.waiters.push({ match, fail, resolve, reject });
    });
  }
}

export class BenchLogger implements RootLoggerService {
  constructor(
    private readonly sink: LogSink,
    private readonly fields: JsonObject = {},
  ) {}

  error(message: string, meta?: Error | JsonObject) {
    this.sink.write('error', message, this.with(meta));
  }
  warn(message: string, meta?: Error | JsonObject) {
    this.sink.write('warn', message, this.with(meta));
  }
  info(message: string, meta?: Error | JsonObject) {
    this.sink.write('info', message, this.with(meta));
  }
  debug(message: string, meta?: Error | JsonObject) {
    this.sink.write('debug', message, this.with(meta));
  }
  child(meta: JsonObject): LoggerService {
    return new BenchLogger(this.sink, { ...this.fields, ...meta });
  }

  private with(meta?: Error | JsonObject): JsonObject {
    if (meta instanceof Error) return { ...this.fields, error: meta.message };
    return { ...this.fields, ...meta };
  }
}
