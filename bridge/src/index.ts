// Entry point for tests and the CLI: start the bridge with the simulated Sage 50 company.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeliveryLedger } from './delivery/ledger';
import { adminRoutes } from './http/admin';
import { apiRoutes } from './http/api';
import { Ops } from './http/ops';
import { createPipeline, DEFAULT_IDEMPOTENCY_TTL_SECONDS } from './http/server';
import { type SeedName, seedCompany } from './seed/demo';
import { SimulatedSageAdapter } from './sim/adapter';
import { SimulatedCompany } from './sim/company';
import { BridgeClock } from './time';

export interface BridgeOptions {
	/** 0 / undefined = ephemeral. */
	port?: number;
	/** Default 127.0.0.1. */
	host?: string;
	/** Required in the X-API-Key header of every route but /health. */
	apiKey: string;
	/** SQLite file of the simulated company; default ':memory:'. An existing file keeps its data. */
	dbPath?: string;
	/** Seed for a new (empty) database; default 'demo'. */
	seed?: SeedName;
	/** Time source (a function or a BridgeClock); the admin API can freeze/set/advance it. */
	clock?: BridgeClock | (() => Date);
	/**
	 * Mount the simulator's admin API at /__admin with its own key (header X-Admin-Key), answered
	 * only to callers on this machine (loopback). Absent: not mounted, its paths are unknown routes.
	 */
	admin?: { apiKey: string };
	/**
	 * How long an Idempotency-Key is remembered, in whole seconds (default 86400 = 24 h): a request
	 * this long or longer after the first with the same key is a fresh request. Expired records are
	 * purged on the next write.
	 */
	idempotencyTtlSeconds?: number;
}

export interface RunningBridge {
	/** Origin, e.g. http://127.0.0.1:41234 — the contract's routes are at its root. */
	url: string;
	port: number;
	clock: BridgeClock;
	company: SimulatedCompany;
	ledger: DeliveryLedger;
	/** The admin API's base URL and headers, when mounted. */
	admin?: { url: string; headers: Record<string, string> };
	server: Server;
	close(): Promise<void>;
}

export async function startBridge(options: BridgeOptions): Promise<RunningBridge> {
	if (!options.apiKey) throw new Error('startBridge: apiKey is required');
	if (options.admin && (!options.admin.apiKey || options.admin.apiKey === options.apiKey)) {
		throw new Error('startBridge: the admin API needs its own key (admin.apiKey), different from the API key');
	}
	const ttl = options.idempotencyTtlSeconds ?? DEFAULT_IDEMPOTENCY_TTL_SECONDS;
	if (!Number.isInteger(ttl) || ttl < 1) throw new Error('startBridge: idempotencyTtlSeconds must be a whole number of seconds ≥ 1');
	const clock = options.clock instanceof BridgeClock ? options.clock : new BridgeClock(options.clock);
	const company = new SimulatedCompany(options.dbPath ?? ':memory:', clock);
	if (!company.store.get('SELECT 1 AS X FROM TAX_CODE LIMIT 1')) seedCompany(company, options.seed ?? 'demo');
	const adapter = new SimulatedSageAdapter(company);
	// The simulated company's database is the bridge's local database too.
	const ledger = new DeliveryLedger(company.store, clock, adapter);
	const ops = new Ops();
	const handler = createPipeline({
		apiKey: options.apiKey,
		api: apiRoutes(adapter, clock, ledger),
		admin: options.admin ? { router: adminRoutes(company, clock, ops, ledger), apiKey: options.admin.apiKey } : undefined,
		adapter,
		ops,
		clock,
		idempotencyTtlSeconds: ttl,
	});
	const server = createServer(handler);
	const host = options.host ?? '127.0.0.1';
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => resolve());
	});
	const port = (server.address() as AddressInfo).port;
	const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
	return {
		url,
		port,
		clock,
		company,
		ledger,
		admin: options.admin ? { url: `${url}/__admin`, headers: { 'X-Admin-Key': options.admin.apiKey } } : undefined,
		server,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			await adapter.close();
		},
	};
}

export { BridgeClock } from './time';
export { BridgeError, ERROR_CODES, type ErrorCode } from './errors';
export type { SageAdapter } from './adapter';
