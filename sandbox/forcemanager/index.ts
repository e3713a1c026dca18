// ForceManager v4 simulator on loopback (node:http only). See README.md for the API and admin routes.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleAdmin, resetState, type SeedName } from './admin';
import { API_PREFIX, handleApi, RateLimited, routeTemplate } from './api';
import { ApiError } from './errors';
import { CapturedResponse, isGarbage, sendGarbage } from './garbage';
import { readBody, sendJson } from './http';
import { DEMO_USERS } from './seed';
import type { ApiKey } from './sessions';
import { createState, type SimState } from './state';

export { DEMO_USERS } from './seed';
export type { ApiKey } from './sessions';

export interface ForceManagerSimulatorOptions {
	port?: number;
	host?: string;
	keys?: ApiKey[];
	sessionTtlSeconds?: number;
	rateLimitPerSecond?: number;
	pageSizeMax?: number;
	enforceReadOnly?: boolean;
	seed?: SeedName;
}

export interface ForceManagerSimulator {
	origin: string;
	baseUrl: string;
	port: number;
	close(): Promise<void>;
}

/** The integration's API key pair; its user is the demo "Sage 50 Integration" user. */
export const DEMO_KEYS = { publicKey: 'demo-public', privateKey: 'demo-private', userId: DEMO_USERS.integration } as const;

export async function startForceManagerSimulator(options: ForceManagerSimulatorOptions = {}): Promise<ForceManagerSimulator> {
	const state = createState(options.keys?.map((k) => ({ ...k })) ?? [{ ...DEMO_KEYS }], {
		sessionTtlSeconds: options.sessionTtlSeconds ?? 3600, // notes §2.3
		rateLimitPerSecond: options.rateLimitPerSecond ?? 4, // notes §6.2
		enforceReadOnly: options.enforceReadOnly ?? false, // notes §5
		pageSizeMax: options.pageSizeMax ?? 500, // notes §4.2
		uiUserId: DEMO_USERS.admin,
	});
	resetState(state, options.seed ?? 'demo');
	const hung = new Set<ServerResponse>();
	const server = createServer((req, res) => {
		handle(state, req, res, hung).catch((error: unknown) => {
			if (!res.headersSent) sendJson(res, 500, { error: 'Internal Server Error', code: 900, message: String(error) });
			else res.destroy();
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
	});
	const address = server.address() as AddressInfo;
	const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
	state.origin = `http://${host}:${address.port}`;
	return {
		origin: state.origin,
		baseUrl: `${state.origin}${API_PREFIX}`,
		port: address.port,
		close: () =>
			new Promise<void>((resolve) => {
				for (const res of hung) res.destroy();
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

async function handle(state: SimState, req: IncomingMessage, res: ServerResponse, hung: Set<ServerResponse>): Promise<void> {
	const url = new URL(req.url ?? '/', 'http://localhost');
	const path = url.pathname.replace(/\/+$/, '') || '/';
	const method = req.method ?? 'GET';

	if (path.startsWith('/__admin/') || path === '/__admin') {
		const segments = path.split('/').slice(2).filter(Boolean);
		try {
			await handleAdmin(state, req, res, segments);
		} catch (error) {
			sendError(res, error);
		}
		return;
	}
	if (path.startsWith('/__uploads/')) return upload(state, req, res, url, path.split('/')[2]);
	if (!path.startsWith(`${API_PREFIX}/`)) {
		sendError(res, new ApiError(404, 910, `No route ${path}`));
		return;
	}

	const segments = path.slice(API_PREFIX.length + 1).split('/').filter(Boolean);
	const route = routeTemplate(segments);
	const fault = state.faults.take(method, path, route);
	if (fault?.mode === 'hang') {
		// Never answers until the client gives up or the simulator closes.
		state.counters.record(method, route, 0);
		hung.add(res);
		res.on('close', () => hung.delete(res));
		req.resume();
		return;
	}
	let status = 500;
	try {
		if (fault?.mode === 'error500') throw new ApiError(500, 900, 'Injected fault: internal server error');
		if (fault?.mode === 'rateLimit') throw new RateLimited(1);
		if (isGarbage(fault)) {
			let real: CapturedResponse | undefined;
			if (fault.processed) {
				real = new CapturedResponse();
				try {
					await handleApi(state, req, real.asResponse(), url, segments);
				} catch (error) {
					sendError(real.asResponse(), error);
				}
			} else {
				req.resume();
			}
			status = sendGarbage(res, fault, real);
			return;
		}
		await handleApi(state, req, res, url, segments);
		status = res.statusCode;
	} catch (error) {
		status = sendError(res, error);
	} finally {
		state.counters.record(method, route, status);
	}
}

function sendError(res: ServerResponse, error: unknown): number {
	if (!(error instanceof ApiError)) throw error;
	const headers: Record<string, string> = {};
	if (error instanceof RateLimited) headers['Retry-After'] = String(error.retryAfterSeconds);
	sendJson(res, error.status, error.body(), headers);
	return error.status;
}

/** The document locator (notes §11): PUT raw bytes; the signature in the query is checked, no session needed. */
async function upload(state: SimState, req: IncomingMessage, res: ServerResponse, url: URL, id: string | undefined): Promise<void> {
	const doc = id ? state.store.documents.get(id) : undefined;
	if (!doc || url.searchParams.get('X-Amz-Signature') !== doc.uploadToken) {
		return void sendJson(res, 403, { error: 'Forbidden', code: 403, message: 'Invalid or expired upload URL' });
	}
	if (req.method !== 'PUT') return void sendJson(res, 405, { error: 'Method Not Allowed', code: 405, message: 'Use PUT' });
	doc.bytes = await readBody(req);
	doc.contentType = req.headers['content-type'] ?? null;
	res.writeHead(200, { 'Content-Length': 0 });
	res.end();
}
