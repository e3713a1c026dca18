// What a failed HTTP call left behind, read the same way for both systems. n8n's request helpers
// throw the HTTP client's error (`response`, `code`) or a NodeApiError around it (`cause`, `httpCode`).

export interface HttpFailure {
	/** HTTP status; undefined when no response arrived (offline, timeout, dropped connection). */
	status?: number;
	/** The response body as received. */
	data?: unknown;
	retryAfterMs?: number;
	/** Network error code (ECONNREFUSED, ECONNRESET, ETIMEDOUT …) when there was no response. */
	networkCode?: string;
}

/** Retry-After as seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent or invalid. */
export function parseRetryAfter(value: unknown, now: number): number | undefined {
	const raw = Array.isArray(value) ? value[0] : value;
	if (raw === undefined || raw === null || raw === '') return undefined;
	const text = String(raw).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	// Every HTTP-date form names its month; without this Date.parse reads "-1" as the year 2001.
	const date = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN;
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

interface ErrorLike {
	httpCode?: string | null;
	code?: string;
	response?: { status?: number; data?: unknown; body?: unknown; headers?: unknown };
	cause?: ErrorLike;
}

function header(headers: unknown, name: string): unknown {
	if (!headers || typeof headers !== 'object') return undefined;
	return Object.entries(headers as Record<string, unknown>).find(([k]) => k.toLowerCase() === name)?.[1];
}

export function readHttpFailure(error: unknown, now = Date.now()): HttpFailure {
	const e = (error ?? {}) as ErrorLike;
	const response = e.response ?? e.cause?.response;
	const fromCode = e.httpCode ? Number(e.httpCode) : undefined;
	const status = response?.status ?? (Number.isFinite(fromCode) ? fromCode : undefined);
	const networkCode = status === undefined ? (e.cause?.code ?? e.code) : undefined;
	return {
		status,
		data: response?.data ?? response?.body,
		retryAfterMs: parseRetryAfter(header(response?.headers, 'retry-after'), now),
		networkCode: typeof networkCode === 'string' ? networkCode : undefined,
	};
}
