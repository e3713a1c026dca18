// Answers that are not the JSON an API gives: a proxy's HTML error page, a crash text, a body cut off
// or empty. n8n's HTTP helper hands such a body back as a string instead of failing (axios parses JSON
// "silently"), so both transports check every answer here and say what came back without ever pasting
// it (a proxy page can be megabytes). Pure.

const isBytes = (body: unknown): body is ArrayBuffer | ArrayBufferView => body instanceof ArrayBuffer || ArrayBuffer.isView(body);

function decode(body: ArrayBuffer | ArrayBufferView, limit = Infinity): string {
	const bytes = body instanceof ArrayBuffer ? new Uint8Array(body) : new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
	return new TextDecoder().decode(limit < bytes.length ? bytes.subarray(0, limit) : bytes);
}

/**
 * A JSON object or list: the only shapes ForceManager and the Sage 50 bridge answer with. Bytes (the
 * error body of a binary request) count when they hold one.
 */
export function isJsonAnswer(body: unknown): boolean {
	if (isBytes(body)) {
		try {
			const parsed: unknown = JSON.parse(decode(body));
			return parsed !== null && typeof parsed === 'object';
		} catch {
			return false;
		}
	}
	return body !== null && typeof body === 'object';
}

const SHOWN = 80;

function excerpt(text: string): string {
	const line = text.replace(/\s+/g, ' ').trim();
	return line.length > SHOWN ? `${line.slice(0, SHOWN)}…` : line;
}

function size(chars: number): string {
	if (chars < 1024) return `${chars} bytes`;
	if (chars < 1024 * 1024) return `${(chars / 1024).toFixed(1)} KB`;
	return `${(chars / 1024 / 1024).toFixed(1)} MB`;
}

/** `an HTML page ("502 Bad Gateway")`, `JSON cut off after 38 bytes`, `an empty body`, `text ("…")`. */
export function describeUnreadable(body: unknown): string {
	let text: string;
	let length: number;
	if (isBytes(body)) {
		text = decode(body, 4096);
		length = body.byteLength;
	} else {
		text = body === undefined || body === null ? '' : String(body);
		length = Buffer.byteLength(text);
	}
	const trimmed = text.trim();
	if (trimmed === '') return 'an empty body';
	if (trimmed.startsWith('<')) {
		const title = /<title[^>]*>([^<]*)</i.exec(trimmed)?.[1] ?? /<h[12][^>]*>([^<]*)</i.exec(trimmed)?.[1];
		return `an HTML page${title?.trim() ? ` ("${excerpt(title)}")` : ''} of ${size(length)}`;
	}
	if (trimmed.startsWith('{') || trimmed.startsWith('[')) return `JSON cut off after ${size(length)}`;
	return `text ("${excerpt(trimmed)}")${length > SHOWN ? ` of ${size(length)}` : ''}`;
}

/** The raw response body behind an HTTP error thrown by n8n's helpers (a NodeApiError around an axios error). */
export function errorResponseBody(error: unknown): { status?: number; body?: unknown } | undefined {
	type Shape = { response?: { status?: number; data?: unknown; body?: unknown }; cause?: Shape };
	const e = (error ?? {}) as Shape;
	const response = e.response ?? e.cause?.response;
	return response ? { status: response.status, body: response.data ?? response.body } : undefined;
}
