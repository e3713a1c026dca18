// One reader of failed HTTP calls for both transports (ForceManager 429 pacing, bridge 503 busy).
import { AxiosError, AxiosHeaders } from 'axios';

import { parseRetryAfter, readHttpFailure } from '../../../nodes/shared/httpFailure';

function axiosError(status: number | undefined, headers: Record<string, string> = {}, code?: string, data?: unknown): AxiosError {
	const config = { headers: new AxiosHeaders() };
	const response = status === undefined ? undefined : { status, statusText: '', data, headers, config };
	return new AxiosError('Request failed', code, config as never, {}, response as never);
}

describe('Retry-After (RFC 9110 §10.2.3)', () => {
	test('seconds, fractions and a header array', () => {
		expect(parseRetryAfter('2', 0)).toBe(2000);
		expect(parseRetryAfter(' 3 ', 0)).toBe(3000);
		expect(parseRetryAfter(['1.5'], 0)).toBe(1500);
	});

	test('an HTTP date counts from now; a past date means now', () => {
		const now = Date.parse('2025-01-01T00:00:00Z');
		expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:03 GMT', now)).toBe(3000);
		expect(parseRetryAfter('Tue, 31 Dec 2024 00:00:03 GMT', now)).toBe(0);
	});

	test('absent or garbage gives undefined (the caller backs off itself)', () => {
		for (const value of [undefined, null, '', 'soon', '-1']) expect(parseRetryAfter(value, 0)).toBeUndefined();
	});
});

describe('readHttpFailure', () => {
	test('status, body and Retry-After (any header case) from the HTTP client error', () => {
		const failure = readHttpFailure(axiosError(429, { 'Retry-After': '4' }, undefined, { message: 'slow down' }), 0);
		expect(failure).toEqual({ status: 429, data: { message: 'slow down' }, retryAfterMs: 4000, networkCode: undefined });
	});

	test('through a NodeApiError-like wrapper: the cause\'s response, else the httpCode', () => {
		expect(readHttpFailure({ httpCode: '503', cause: axiosError(503, { 'retry-after': '1' }) }, 0)).toMatchObject({ status: 503, retryAfterMs: 1000 });
		expect(readHttpFailure({ httpCode: '404' }).status).toBe(404);
	});

	test('no response: the network code, no status', () => {
		expect(readHttpFailure(axiosError(undefined, {}, 'ECONNRESET'))).toMatchObject({ status: undefined, networkCode: 'ECONNRESET' });
		expect(readHttpFailure({ httpCode: null, cause: { code: 'ETIMEDOUT' } }).networkCode).toBe('ETIMEDOUT');
		expect(readHttpFailure(undefined)).toEqual({ status: undefined, data: undefined, retryAfterMs: undefined, networkCode: undefined });
	});
});
