import {
	decideRetry,
	DEFAULT_RETRY_POLICY,
	pushBack,
	reserveSlot,
} from '../../../nodes/shared/forcemanager/retry';

describe('pacing maths', () => {
	test('spaces requests 1/rps apart, starting immediately', () => {
		const state = { nextAt: 0 };
		const now = 1_000_000;
		expect(reserveSlot(state, now, 4)).toBe(0);
		expect(reserveSlot(state, now, 4)).toBe(250);
		expect(reserveSlot(state, now, 4)).toBe(500);
		// time passes beyond the reserved slots: no wait
		expect(reserveSlot(state, now + 5_000, 4)).toBe(0);
	});

	test('n requests at r rps take (n-1)/r seconds of waiting in total', () => {
		const state = { nextAt: 0 };
		const waits = Array.from({ length: 13 }, () => reserveSlot(state, 0, 13));
		expect(waits[12]).toBeCloseTo(12 * (1000 / 13));
	});

	test('0 or negative rps disables pacing', () => {
		const state = { nextAt: 0 };
		expect(reserveSlot(state, 10, 0)).toBe(0);
		expect(reserveSlot(state, 10, 0)).toBe(0);
	});

	test('a 429 pushes the shared slot back', () => {
		const state = { nextAt: 0 };
		pushBack(state, 1000, 2000);
		expect(reserveSlot(state, 1000, 4)).toBe(2000);
		pushBack(state, 1000, 10); // never pulls it forward
		expect(state.nextAt).toBeGreaterThan(3000);
	});
});

describe('retry / back-off decisions', () => {
	test('429 is retried for any method, honouring Retry-After', () => {
		expect(decideRetry({ method: 'POST', status: 429, retryAfterMs: 1000, attempt: 0 })).toEqual({
			retry: true,
			delayMs: 1000,
			rateLimited: true,
		});
		expect(decideRetry({ method: 'PUT', status: 429, attempt: 2 })).toEqual({
			retry: true,
			delayMs: 2000,
			rateLimited: true,
		});
	});

	test('429 retries are bounded and the delay capped', () => {
		const max = DEFAULT_RETRY_POLICY.maxRateLimitRetries;
		expect(decideRetry({ method: 'GET', status: 429, attempt: max })).toEqual({ retry: false });
		const d = decideRetry({ method: 'GET', status: 429, retryAfterMs: 3_600_000, attempt: 0 });
		expect(d.retry && d.delayMs).toBe(DEFAULT_RETRY_POLICY.maxDelayMs);
	});

	test('5xx, 408 and timeouts are retried for reads only, with exponential back-off', () => {
		expect(decideRetry({ method: 'GET', status: 500, attempt: 0 })).toEqual({
			retry: true,
			delayMs: 500,
			rateLimited: false,
		});
		expect(decideRetry({ method: 'get', status: 503, attempt: 1 })).toMatchObject({ delayMs: 1000 });
		expect(decideRetry({ method: 'GET', status: undefined, attempt: 2 })).toMatchObject({ delayMs: 2000 });
		expect(decideRetry({ method: 'GET', status: 408, attempt: 0 })).toMatchObject({ retry: true });
		expect(decideRetry({ method: 'POST', status: 500, attempt: 0 })).toEqual({ retry: false });
		expect(decideRetry({ method: 'PUT', status: undefined, attempt: 0 })).toEqual({ retry: false });
		expect(decideRetry({ method: 'DELETE', status: 502, attempt: 0 })).toEqual({ retry: false });
		expect(
			decideRetry({ method: 'GET', status: 500, attempt: DEFAULT_RETRY_POLICY.maxTransientRetries }),
		).toEqual({ retry: false });
	});

	test('client errors are final', () => {
		for (const status of [400, 401, 403, 404, 422]) {
			expect(decideRetry({ method: 'GET', status, attempt: 0 })).toEqual({ retry: false });
		}
	});
});

describe('pacing without a client rate', () => {
	it('still holds callers until a 429 push-back has passed (Retry-After honoured when requestsPerSecond is 0)', () => {
		const state = { nextAt: 0 };
		expect(reserveSlot(state, 1_000, 0)).toBe(0);
		pushBack(state, 1_000, 2_000);
		expect(reserveSlot(state, 1_500, 0)).toBe(1_500);
		expect(reserveSlot(state, 3_000, 0)).toBe(0);
	});
});
