// Routing on node:http with find-my-way (the radix-tree router of fastify): path templates with
// {params}, the route's flags, and the template matched by another method (for 404 "not allowed"
// answers, counters and faults by template). The API's routes come from openapi.yaml (operations.ts);
// the admin API registers its own. JSON in/out and BridgeError mapping below.
import type { IncomingMessage, ServerResponse } from 'node:http';
import FindMyWay from 'find-my-way';
import { BridgeError } from '../errors';

export interface RequestContext {
	method: string;
	path: string;
	template: string;
	/** Path parameters as sent (decoded); `input.path` holds them validated and typed. */
	params: Record<string, string>;
	query: URLSearchParams;
	headers: IncomingMessage['headers'];
	body: unknown;
	/** Contract routes: path and query parameters validated against openapi.yaml, typed, defaults filled in. */
	input: { path: Record<string, unknown>; query: Record<string, unknown> };
}

export type Reply = { status: number; json: unknown; headers?: Record<string, string> } | { status: number; bytes: Buffer; contentType: string };
export type Handler = (ctx: RequestContext) => Promise<Reply> | Reply;

export interface Route {
	method: string;
	template: string;
	handler: Handler;
	/** true: no API key (health). */
	public?: boolean;
	/** true: POST/PATCH that needs Idempotency-Key and runs in the single writer queue. */
	write?: boolean;
}

const METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'] as const;
type Method = (typeof METHODS)[number];

export class Router {
	readonly routes: Route[] = [];
	// Long consumer names and keys are legitimate path parameters (find-my-way's default stops at 100).
	private readonly tree = FindMyWay({ maxParamLength: 1000 });

	add(method: string, template: string, handler: Handler, flags: { public?: boolean; write?: boolean } = {}): this {
		const route: Route = { method, template, handler, ...flags };
		this.tree.on(method as Method, template.replace(/\{(\w+)\}/g, ':$1'), () => undefined, route);
		this.routes.push(route);
		return this;
	}

	/** The route for method+path, or the template that matched the path with another method. */
	match(method: string, path: string): { route?: Route; params: Record<string, string>; template?: string } {
		const found = METHODS.includes(method as Method) ? this.tree.find(method as Method, path) : null;
		if (found) {
			const route = found.store as Route;
			return { route, params: { ...(found.params as Record<string, string>) }, template: route.template };
		}
		for (const other of METHODS) {
			const hit = this.tree.find(other, path);
			if (hit) return { params: {}, template: (hit.store as Route).template };
		}
		return { params: {} };
	}
}

export async function readBody(req: IncomingMessage, limit = 1_000_000): Promise<unknown> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size > limit) throw new BridgeError('VALIDATION_FAILED', 'Request body too large');
		chunks.push(chunk as Buffer);
	}
	if (size === 0) return undefined;
	try {
		return JSON.parse(Buffer.concat(chunks).toString('utf8'));
	} catch {
		throw new BridgeError('VALIDATION_FAILED', 'Request body is not valid JSON');
	}
}

export function send(res: ServerResponse, reply: Reply): void {
	if ('bytes' in reply) {
		res.writeHead(reply.status, { 'Content-Type': reply.contentType, 'Content-Length': reply.bytes.length });
		res.end(reply.bytes);
		return;
	}
	const text = JSON.stringify(reply.json);
	res.writeHead(reply.status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': Buffer.byteLength(text),
		...reply.headers,
	});
	res.end(text);
}

export function errorReply(error: unknown): Reply & { json: unknown } {
	const e =
		error instanceof BridgeError
			? error
			: new BridgeError('INTERNAL_ERROR', `Internal error: ${error instanceof Error ? error.message : String(error)}`);
	return { status: e.status, json: e.toBody(), headers: e.retryable ? { 'Retry-After': '1' } : undefined };
}
