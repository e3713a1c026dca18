// The bridge as a service: what the configuration file selects. `simulated` (the default) is the
// simulated company; `sage` is the production adapter from sage/index.ts, never with the admin API.
import { readFileSync } from 'node:fs';
import type { BridgeConfig } from './config';
import { DeliveryLedger } from './delivery/ledger';
import { Ops } from './http/ops';
import { createLog, type Logger } from './log';
import { createSageAdapter, type SageConnections } from './sage';
import { listen, type ListenOptions, type RunningService } from './serve';
import { startBridge } from './simulator';
import { BridgeClock, parseDuration } from './time';

/** What a test gives in place of the real Sage (no Sage here) and of the wall clock. */
export interface ServiceSeams {
	sage?: SageConnections;
	clock?: BridgeClock;
}

export async function startFromConfig(config: BridgeConfig, logger?: Logger, seams: ServiceSeams = {}): Promise<RunningService & { adapterName: string }> {
	const log = logger ? { logger, close: async () => undefined } : createLog(config.log);
	try {
		const running = await start(config, log.logger, seams);
		return { ...running, close: () => running.close().finally(() => log.close()) };
	} catch (error) {
		log.logger.fatal({ err: error }, 'bridge did not start');
		await log.close();
		throw error;
	}
}

async function start(config: BridgeConfig, logger: Logger, seams: ServiceSeams): Promise<RunningService & { adapterName: string }> {
	if (!['127.0.0.1', '::1', 'localhost'].includes(config.listen.host) && !config.listen.tls) {
		logger.warn({ host: config.listen.host }, 'plain HTTP on a network address: put TLS in front (listen.tls or a reverse proxy), see README');
	}
	const listenOptions: ListenOptions & { idempotencyTtlSeconds: number } = {
		host: config.listen.host,
		port: config.listen.port,
		apiKey: config.apiKey,
		idempotencyTtlSeconds: parseDuration(config.idempotencyTtl)!,
		tls: config.listen.tls ? { cert: readFileSync(config.listen.tls.cert), key: readFileSync(config.listen.tls.key) } : undefined,
		logger,
	};
	if (config.adapter === 'simulated') {
		const admin = config.admin.enabled ? { apiKey: config.admin.apiKey! } : undefined;
		const bridge = await startBridge({ ...listenOptions, dbPath: config.simulated.db, seed: config.simulated.seed, admin, clock: seams.clock, textEncoding: config.sage?.textEncoding });
		return { ...bridge, adapterName: 'simulated' };
	}
	// Production: the admin API is never mounted here, whatever the file says (parseConfig refuses it too).
	if (config.admin.enabled) throw new Error('admin.enabled must be false with adapter "sage"');
	const clock = seams.clock ?? new BridgeClock();
	const { adapter, localDb } = await createSageAdapter(config.sage!, clock, logger.child({ component: 'sage' }), seams.sage);
	const ledger = new DeliveryLedger(localDb, clock, adapter);
	const running = await listen(listenOptions, { adapter, ledger, clock, ops: new Ops() });
	return { ...running, adapterName: 'sage' };
}
