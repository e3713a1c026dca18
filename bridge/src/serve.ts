// Puts the request pipeline on a socket: plain HTTP on loopback (tests, the simulator, behind a
// reverse proxy on the same PC) or HTTPS with the configured certificate.
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { SageAdapter } from './adapter';
import type { DeliveryLedger } from './delivery/ledger';
import { apiRoutes } from './http/api';
import type { Ops } from './http/ops';
import type { Router } from './http/router';
import { createPipeline } from './http/server';
import { type Logger, quietLogger } from './log';
import type { BridgeClock } from './time';

export interface ListenOptions {
	/** 0 / undefined = ephemeral. */
	port?: number;
	/** Default 127.0.0.1. */
	host?: string;
	/** Required in the X-API-Key header of every route but /health. */
	apiKey: string;
	/**
	 * How long an Idempotency-Key is remembered, in whole seconds (default 86400 = 24 h): a request
	 * this long or longer after the first with the same key is a fresh request. Expired records are
	 * purged on the next write.
	 */
	idempotencyTtlSeconds?: number;
	/** PEM certificate chain and private key: serve HTTPS instead of HTTP. */
	tls?: { cert: string | Buffer; key: string | Buffer };
	/** Request lines and adapter events; default: errors only, to stderr. */
	logger?: Logger;
}

export interface ServiceParts {
	adapter: SageAdapter;
	ledger: DeliveryLedger;
	clock: BridgeClock;
	ops: Ops;
	admin?: { router: Router; apiKey: string };
}

export interface RunningService {
	/** Origin, e.g. http://127.0.0.1:41234 — the contract's routes are at its root. */
	url: string;
	port: number;
	clock: BridgeClock;
	ledger: DeliveryLedger;
	/** The storage adapter and the HTTP layer's counters and faults (in-process callers: tests, the stack). */
	adapter: SageAdapter;
	ops: Ops;
	/** The admin API's base URL and headers, when mounted. */
	admin?: { url: string; headers: Record<string, string> };
	server: Server;
	close(): Promise<void>;
}

export async function listen(options: ListenOptions & { idempotencyTtlSeconds: number }, parts: ServiceParts): Promise<RunningService> {
	const { adapter, ledger, clock, ops, admin } = parts;
	const logger = options.logger ?? quietLogger();
	const handler = createPipeline({
		apiKey: options.apiKey,
		api: apiRoutes(adapter, clock, ledger),
		admin,
		adapter,
		ops,
		clock,
		idempotencyTtlSeconds: options.idempotencyTtlSeconds,
		logger,
	});
	const server: Server = options.tls ? (createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, handler) as unknown as Server) : createHttpServer(handler);
	const host = options.host ?? '127.0.0.1';
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => resolve());
	});
	const port = (server.address() as AddressInfo).port;
	const url = `${options.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
	const health = await adapter.health();
	logger.info({ url, tls: Boolean(options.tls), admin: Boolean(admin), ...health }, 'bridge started');
	return {
		url,
		port,
		clock,
		ledger,
		adapter,
		ops,
		admin: admin ? { url: `${url}/__admin`, headers: { 'X-Admin-Key': admin.apiKey } } : undefined,
		server,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			await adapter.close();
			logger.info({ url }, 'bridge stopped');
		},
	};
}
