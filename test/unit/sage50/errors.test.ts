import { AxiosError, AxiosHeaders } from 'axios';

import { bridgeErrorHint, bridgeErrorMessage, readFailure } from '../../../nodes/shared/sage50/errors';
import { decideSageRetry } from '../../../nodes/shared/sage50/retry';

function axiosError(status: number | undefined, data?: unknown, headers: Record<string, string> = {}, code?: string): AxiosError {
	const config = { headers: new AxiosHeaders({ 'X-API-Key': 'secret-key' }) };
	const response = status === undefined ? undefined : { status, statusText: '', data, headers, config };
	return new AxiosError('Request failed', code, config as never, {}, response as never);
}

describe('bridge error mapping', () => {
	it('names record and field from the bridge body', () => {
		const failure = readFailure(
			axiosError(400, { code: 'FIELD_TOO_LONG', message: 'ADDRESS_1 is longer than 60 characters', retryable: false, sageErrorCode: 18, field: 'ADDRESS_1', record: 'ABS001' }),
		);
		expect(failure.status).toBe(400);
		expect(bridgeErrorMessage(failure, { label: 'Customer' })).toBe(
			'Customer "ABS001", field ADDRESS_1: ADDRESS_1 is longer than 60 characters (FIELD_TOO_LONG, Sage error 18)',
		);
	});

	it('falls back to the caller record when the bridge gives none', () => {
		const failure = readFailure(axiosError(422, { code: 'UNKNOWN_STOCK_CODE', message: 'No product XYZ', retryable: false, field: 'ITEMS[1].STOCK_CODE' }));
		expect(bridgeErrorMessage(failure, { label: 'Sales order', record: 'FM-12' })).toBe(
			'Sales order "FM-12", field ITEMS[1].STOCK_CODE: No product XYZ (UNKNOWN_STOCK_CODE)',
		);
	});

	it('reads the body through a NodeApiError-like wrapper and a JSON string', () => {
		const inner = axiosError(503, JSON.stringify({ code: 'SAGE_BUSY', message: 'busy', retryable: true }), { 'retry-after': '2' });
		const failure = readFailure({ httpCode: '503', cause: inner });
		expect(failure.body?.code).toBe('SAGE_BUSY');
		expect(failure.retryAfterMs).toBe(2000);
	});

	it('explains an unreachable bridge and never includes the API key', () => {
		const failure = readFailure(axiosError(undefined, undefined, {}, 'ECONNREFUSED'));
		expect(failure.status).toBeUndefined();
		expect(failure.networkCode).toBe('ECONNREFUSED');
		const message = bridgeErrorMessage(failure);
		expect(message).toMatch(/could not be reached \(ECONNREFUSED\)/);
		expect(message + bridgeErrorHint(failure)).not.toContain('secret-key');
	});

	it('gives a hint for USER_IN_USE and EXCLUSIVE_MODE after retries', () => {
		const busy = readFailure(axiosError(503, { code: 'USER_IN_USE', message: 'in use', retryable: true }));
		expect(bridgeErrorHint(busy)).toMatch(/dedicated Sage user.*Still failing after the retries/);
		const exclusive = readFailure(axiosError(503, { code: 'EXCLUSIVE_MODE', message: 'x', retryable: true }));
		expect(bridgeErrorHint(exclusive)).toMatch(/exclusive mode/);
	});

});

describe('bridge retry decisions', () => {
	const policy = { maxRetries: 2, baseDelayMs: 100, maxDelayMs: 1000 };
	it('retries what the bridge marks retryable, honouring Retry-After, up to the limit', () => {
		const failure = { status: 503, body: { code: 'RECORD_LOCKED', message: '', retryable: true }, retryAfterMs: 1000 };
		expect(decideSageRetry(failure, 0, policy)).toEqual({ retry: true, delayMs: 1000 });
		expect(decideSageRetry(failure, 2, policy)).toEqual({ retry: false });
	});
	it('backs off exponentially without Retry-After and caps the delay', () => {
		const offline = { status: undefined, networkCode: 'ECONNRESET' };
		expect(decideSageRetry(offline, 0, policy)).toEqual({ retry: true, delayMs: 100 });
		expect(decideSageRetry(offline, 1, policy)).toEqual({ retry: true, delayMs: 200 });
		expect(decideSageRetry(offline, 1, { ...policy, maxDelayMs: 150 })).toEqual({ retry: true, delayMs: 150 });
	});
	it('never retries validation errors or 500s marked not retryable', () => {
		expect(decideSageRetry({ status: 400, body: { code: 'FIELD_TOO_LONG', message: '', retryable: false } }, 0, policy)).toEqual({ retry: false });
		expect(decideSageRetry({ status: 500, body: { code: 'INTERNAL_ERROR', message: '', retryable: false } }, 0, policy)).toEqual({ retry: false });
	});
});
