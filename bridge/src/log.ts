// Structured logs (pino: one JSON object per line) with rotation (pino-roll, in pino's worker
// thread so a slow disk never blocks a request): `bridge.<date>.<n>.log` in the configured folder,
// rolled daily or hourly and by size, the newest `keep` files kept. Without a folder, stdout (a
// service wrapper such as WinSW keeps its own rotated copy). Never logs keys, passwords or bodies.
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import type { BridgeConfig } from './config';

export type { Logger } from 'pino';

/** Key names whose values never reach a log line, wherever they appear. */
const REDACT = ['apiKey', 'password', 'connectionString', '*.apiKey', '*.password', '*.connectionString', 'headers["x-api-key"]', 'headers["x-admin-key"]'];

export interface BridgeLog {
	logger: Logger;
	/** Flushes and closes the file transport (call on shutdown). */
	close(): Promise<void>;
}

export function createLog(config: BridgeConfig['log']): BridgeLog {
	const options = { level: config.level, base: { service: 'sage50-bridge' }, redact: { paths: REDACT, censor: '[redacted]' }, timestamp: pino.stdTimeFunctions.isoTime };
	if (!config.dir) return { logger: pino(options), close: async () => undefined };
	const transport = pino.transport({
		target: 'pino-roll',
		options: {
			file: join(config.dir, 'bridge'),
			extension: '.log',
			frequency: config.rotate.frequency,
			size: config.rotate.size,
			dateFormat: config.rotate.frequency === 'hourly' ? 'yyyy-MM-dd-HH' : 'yyyy-MM-dd',
			limit: { count: config.rotate.keep },
			mkdir: true,
		},
	});
	const logger = pino(options, transport);
	return {
		logger,
		close: () =>
			new Promise<void>((resolve) => {
				// end() writes what is queued, then closes the file (a flush() racing it hits a closed file).
				transport.once('close', () => resolve());
				transport.end();
			}),
	};
}

/** Errors only, to stderr: the default of startBridge (tests, the local stack). */
export const quietLogger = (): Logger => pino({ level: 'error' }, pino.destination(2));
