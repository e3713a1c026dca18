// Minimal router on node:http: path templates with {params}, JSON in/out, BridgeError mapping.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BridgeError } from '../errors';

export interface RequestContext {
	method: string;
	path: string;
	template: string;
	params: Record<string, string>;
	query: URLSearchParams;
	headers: IncomingMessage['headers'];
	body: unknown;
}

export type Reply = { status: number; json: unknown; headers?: Record<string, string> } | { status: number; bytes: Buffer; contentType: string };
export type Handler = (ctx: RequestContext) => Promise<Reply> | Reply;

export interface Route {
	method: string;
	template: string;
	regex: RegExp;
	keys: string[];
	handler: Handler;
	/** true: no API key (health). */
	public?: boolean;
	/** true: POST/PATCH that needs Idempotency-Key and runs in the single writer queue. */
	write?: boolean;
}

export class Router {
	readonly routes: Route[] = [];

	add(method: string, template: string, handler: Handler, flags: { public?: boolean; write?: boolean } = {}): this {
		const keys: string[] = [];
		const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_, k: string) => {
			keys.push(k);
			return '([^/]+)';
		});
		this.routes.push({ method, template, regex: new RegExp(`^${pattern}$`), keys, handler, ...flags });
		return this;
	}

	/** The route for method+path, or the template that matched the path with another method. */
	match(method: string, path: string): { route?: Route; params: Record<string, string>; template?: string } {
		let template: string | undefined;
		for (const route of this.routes) {
			const m = route.regex.exec(path);
			if (!m) continue;
			template ??= route.template;
			if (route.method !== method) continue;
			const params: Record<string, string> = {};
			route.keys.forEach((k, i) => (params[k] = decodeURIComponent(m[i + 1])));
			return { route, params, template: route.template };
		}
		return { params: {}, template };
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
