// Request pipeline: admin routes (loopback + admin key) | faults -> auth -> route -> input shape ->
// (writes) single writer queue + idempotency (records kept for a configured time, then purged) ->
// adapter -> error mapping; every API request is counted by route template and logged as one line. Unknown routes are
// answered only after authentication, so an anonymous caller learns nothing about what exists.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import type { SageAdapter } from '../adapter';
import { canonical } from '../canonical';
import { BridgeError } from '../errors';
import type { BridgeClock } from '../time';
import { ADMIN_KEY_HEADER, API_KEY_HEADER, fromLoopback, keyChecker } from './auth';
import { Ops } from './ops';
import { errorReply, readBody, type Reply, type RequestContext, type Router, send } from './router';

export interface PipelineOptions {
	apiKey: string;
	api: Router;
	/** The simulator's admin API and its own key; absent in production (not mounted at all). */
	admin?: { router: Router; apiKey: string };
	adapter: SageAdapter;
	ops: Ops;
	/** Stamps idempotency records. */
	clock: BridgeClock;
	/** How long an idempotency record is kept; afterwards its key is a fresh request. */
	idempotencyTtlSeconds: number;
	/** One line per request (method, route, status, ms, idempotency key; never keys or bodies). */
	logger: Logger;
}

/** What the request log line needs to know from inside the pipeline. */
interface Seen {
	route: string;
	admin: boolean;
	code?: string;
}

export const DEFAULT_IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

/** The key of the record a stored 201 created: address REFERENCE, ORDER_NUMBER, else ACCOUNT_REF. */
function createdKey(body: string): string | undefined {
	try {
		const r = JSON.parse(body) as Record<string, unknown>;
		const key = r.REFERENCE ?? r.ORDER_NUMBER ?? r.ACCOUNT_REF;
		return key === undefined || key === null ? undefined : String(key);
	} catch {
		return undefined;
	}
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createPipeline(options: PipelineOptions): (req: IncomingMessage, res: ServerResponse) => void {
	const { api, admin, adapter, ops, clock, idempotencyTtlSeconds, logger } = options;
	const apiKeyOk = keyChecker(options.apiKey);
	const adminKeyOk = admin ? keyChecker(admin.apiKey) : undefined;
	/** Records stored at or before this instant have expired. */
	const expiredAt = () => clock.nowSeconds() - idempotencyTtlSeconds;
	// Sage writes go through one SDO session on one thread: serialise them.
	let writer: Promise<unknown> = Promise.resolve();
	const serialised = <T>(fn: () => Promise<T>): Promise<T> => {
		const run = writer.then(fn, fn);
		writer = run.catch(() => undefined);
		return run;
	};

	async function runWrite(ctx: RequestContext, handler: () => Promise<Reply>): Promise<Reply> {
		const key = ctx.headers['idempotency-key'];
		if (typeof key !== 'string' || key.length < 1 || key.length > 200) {
			throw new BridgeError('IDEMPOTENCY_KEY_REQUIRED', 'Writes need an Idempotency-Key header (1–200 characters)', {
				field: 'Idempotency-Key',
			});
		}
		const fingerprint = createHash('sha256').update(`${ctx.method} ${ctx.path}\n${canonical(ctx.body)}`).digest('hex');
		return serialised(async () => {
			const stored = await adapter.getIdempotency(key, expiredAt());
			if (stored) {
				if (stored.fingerprint !== fingerprint) {
					// Name what the first request created, so a caller that reuses a create key
					// (e.g. one derived from the source identity) can link to it instead of failing blind.
					const created = stored.status === 201 ? createdKey(stored.body) : undefined;
					throw new BridgeError(
						'IDEMPOTENCY_KEY_REUSED',
						`This Idempotency-Key was already used for a different request${created ? `; it created ${created}` : ''}`,
						{ field: 'Idempotency-Key', record: created },
					);
				}
				return { status: stored.status, json: JSON.parse(stored.body), headers: { 'Idempotency-Replayed': 'true' } };
			}
			let reply: Reply;
			try {
				reply = await handler();
			} catch (error) {
				// Only what was written is remembered. A failed write wrote nothing, so the same key runs
				// again: after a retryable failure, and after a rejection once its cause is fixed in Sage
				// or in the request (an n8n Retry reuses its keys; a stored rejection would block it).
				return errorReply(error);
			}
			if ('json' in reply) {
				await adapter.saveIdempotency({ key, fingerprint, status: reply.status, body: JSON.stringify(reply.json) }, clock.nowSeconds(), expiredAt());
			}
			return reply;
		});
	}

	function logRequest(req: IncomingMessage, res: ServerResponse, seen: Seen, started: number): void {
		// 0: the connection closed without an answer (offline, lostResponse, a client that gave up).
		const status = res.headersSent ? res.statusCode : 0;
		const key = req.headers['idempotency-key'];
		const line = {
			method: req.method,
			route: seen.route,
			path: (req.url ?? '/').split('?')[0],
			status,
			ms: Math.round(performance.now() - started),
			idempotencyKey: typeof key === 'string' ? key.slice(0, 200) : undefined,
			code: seen.code,
			admin: seen.admin || undefined,
			remote: req.socket.remoteAddress,
		};
		if (status === 0 || status >= 500) logger.warn(line, 'request');
		else logger.info(line, 'request');
	}

	async function handle(req: IncomingMessage, res: ServerResponse, seen: Seen): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://bridge');
		const method = (req.method ?? 'GET').toUpperCase();
		const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
		// The admin API exists only where it is mounted and only for callers on this machine; for
		// anyone else its paths are unknown routes of the API (401 without the API key, else 404).
		const isAdmin = admin !== undefined && (path === '/__admin' || path.startsWith('/__admin/')) && fromLoopback(req);
		const router = isAdmin ? admin.router : api;
		const { route, params, template } = router.match(method, path);
		const ctx: RequestContext = { method, path, template: template ?? 'unmatched', params, query: url.searchParams, headers: req.headers, body: undefined, input: { path: {}, query: {} } };
		seen.route = ctx.template;
		seen.admin = isAdmin;
		let reply: Reply;
		const fault = isAdmin ? undefined : ops.takeFault(method, path, template);
		let garbage: ReturnType<typeof Ops.garbageFault>;
		try {
			if (isAdmin && !adminKeyOk!(req.headers[ADMIN_KEY_HEADER])) {
				throw new BridgeError('UNAUTHORIZED', 'Missing or wrong X-Admin-Key header');
			}
			if (!isAdmin) {
				garbage = Ops.garbageFault(fault);
				if (garbage && !garbage.processed) {
					// A proxy answering in the bridge's place: nothing reaches the bridge.
					req.resume();
					const answer = Ops.garbage(garbage);
					ops.count(method, ctx.template, answer.status, false);
					return send(res, answer);
				}
				if (fault?.mode === 'offline') {
					ops.count(method, ctx.template, 0, route?.write === true);
					req.socket.destroy();
					return;
				}
				if (fault?.mode === 'slow') {
					await sleep(fault.delayMs ?? 1000);
					if (req.socket.destroyed) return ops.count(method, ctx.template, 0, route?.write === true); // client gave up
				}
				const sageError = fault && route && !route.public ? Ops.sageError(fault.mode) : undefined;
				if (!route?.public && !apiKeyOk(req.headers[API_KEY_HEADER])) {
					throw new BridgeError('UNAUTHORIZED', 'Missing or wrong X-API-Key header');
				}
				if (sageError) throw new BridgeError(sageError.code, sageError.message);
			}
			if (!route) throw new BridgeError('NOT_FOUND', template ? `${method} is not allowed on ${template}` : `No route ${method} ${path}`);
			ctx.body = await readBody(req);
			reply = route.write && !isAdmin ? await runWrite(ctx, async () => route.handler(ctx)) : await route.handler(ctx);
		} catch (error) {
			reply = errorReply(error);
			if (!(error instanceof BridgeError)) logger.error({ err: error, route: seen.route }, 'unexpected error');
		}
		if ('json' in reply && reply.status >= 400) seen.code = (reply.json as { code?: string }).code;
		if (fault?.mode === 'lostResponse') {
			// Served (a write is committed), but the answer never arrives: a timeout after Sage saved.
			ops.count(method, ctx.template, 0, route?.write === true);
			req.socket.destroy();
			return;
		}
		if (garbage) reply = Ops.garbage(garbage, 'json' in reply ? { status: reply.status, text: JSON.stringify(reply.json) } : undefined);
		if (!isAdmin) ops.count(method, ctx.template, reply.status, route?.write === true);
		send(res, reply);
	}

	return (req, res) => {
		const started = performance.now();
		const seen: Seen = { route: 'unmatched', admin: false };
		res.once('close', () => logRequest(req, res, seen, started));
		handle(req, res, seen).catch((error) => {
			logger.error({ err: error, route: seen.route }, 'unexpected error');
			if (!res.headersSent) send(res, errorReply(error));
		});
	};
}
