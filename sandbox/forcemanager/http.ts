// Minimal node:http helpers (no framework).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from './errors';

const MAX_BODY_BYTES = 25 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size > MAX_BODY_BYTES) throw new ApiError(413, 413, 'Request body too large');
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks);
}

/** Parses a JSON body; an empty body is `undefined`; malformed JSON is a 400. */
export function parseJson(raw: Buffer): unknown {
	const text = raw.toString('utf8').trim();
	if (!text) return undefined;
	try {
		return JSON.parse(text);
	} catch {
		throw new ApiError(400, 400, 'The request body is not valid JSON', 'body');
	}
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
	const payload = JSON.stringify(body);
	res.writeHead(status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': Buffer.byteLength(payload),
		...headers,
	});
	res.end(payload);
}

/** Case-insensitive single header value (node lower-cases header names already). */
export function header(req: IncomingMessage, name: string): string | undefined {
	const value = req.headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}
