import path from 'node:path';
import log from 'electron-log/node';
import { redact } from './redact';

export interface Logger {
  debug(message: string, ...meta: unknown[]): void;
  info(message: string, ...meta: unknown[]): void;
  warn(message: string, ...meta: unknown[]): void;
  error(message: string, ...meta: unknown[]): void;
  /** Registers a secret (e.g. the serve token) that must never reach a log line. */
  addSecret(secret: string): void;
}

export interface FileLoggerOptions {
  logsDir: string;
  /** Also print to the console (serve mode with -v). */
  console?: boolean;
  level?: 'debug' | 'info' | 'warn' | 'error';
}

function stringify(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Error) return value.stack ?? value.message;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/**
 * The log files Electron writes (electron-log), used by serve mode too: `<logsDir>/main.log`, rotated at 5 MiB.
 * Every message passes through `redact` first.
 */
export function createFileLogger(options: FileLoggerOptions): Logger {
  const secrets: string[] = [];
  const instance = log.create({ logId: `ff-${path.resolve(options.logsDir)}` });
  // electron-log needs an app name before it writes a file; it looks in the nearest package.json, which an
  // installed `ff` started from another folder has none of, and then silently drops every file line.
  instance.transports.file.setAppName('factory-factory');
  instance.transports.file.resolvePathFn = () => path.join(options.logsDir, 'main.log');
  instance.transports.file.maxSize = 5 * 1024 * 1024;
  instance.transports.file.level = options.level ?? 'info';
  instance.transports.console.level = options.console ? (options.level ?? 'info') : false;
  instance.hooks.push((message) => {
    message.data = message.data.map((part) => redact(stringify(part), secrets));
    return message;
  });
  return {
    debug: (m, ...meta) => instance.debug(m, ...meta),
    info: (m, ...meta) => instance.info(m, ...meta),
    warn: (m, ...meta) => instance.warn(m, ...meta),
    error: (m, ...meta) => instance.error(m, ...meta),
    addSecret: (secret) => {
      secrets.push(secret);
    },
  };
}

/** A logger that keeps lines in memory; for tests and benchmarks. */
export function createMemoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const secrets: string[] = [];
  const push =
    (level: string) =>
    (m: string, ...meta: unknown[]) => {
      lines.push(redact(`[${level}] ${[m, ...meta.map(stringify)].join(' ')}`, secrets));
    };
  return {
    lines,
    debug: push('debug'),
    info: push('info'),
    warn: push('warn'),
    error: push('error'),
    addSecret: (secret) => {
      secrets.push(secret);
    },
  };
}
