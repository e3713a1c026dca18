// Pure pacing and retry decisions, kept apart from the HTTP call so they can be unit-tested.
// Rate limits: 4 or 13 requests/second depending on plan (notes §6.2); the over-limit answer is
// assumed to be 429 + Retry-After.

export interface PacerState {
	/** Epoch ms at which the next request may start. */
	nextAt: number;
}

/** Reserves the next slot for a request and returns how long to wait before sending it. */
export function reserveSlot(state: PacerState, now: number, requestsPerSecond: number): number {
	// Without client pacing a 429 push-back must still hold every caller until the server's retry time.
	const start = Math.max(now, state.nextAt);
	state.nextAt = requestsPerSecond > 0 ? start + 1000 / requestsPerSecond : start;
	return start - now;
}

/** After a 429 every caller sharing the key waits at least until the server's retry time. */
export function pushBack(state: PacerState, now: number, delayMs: number): void {
	state.nextAt = Math.max(state.nextAt, now + delayMs);
}

export interface RetryPolicy {
	maxRateLimitRetries: number;
	maxTransientRetries: number;
	baseDelayMs: number;
	maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxRateLimitRetries: 8,
	maxTransientRetries: 3,
	baseDelayMs: 500,
	maxDelayMs: 30_000,
};

export interface FailedAttempt {
	method: string;
	/** HTTP status, or undefined for a timeout / network error without a response. */
	status?: number;
	retryAfterMs?: number;
	/** Retries already made for this kind of failure. */
	attempt: number;
}

export type RetryDecision = { retry: false } | { retry: true; delayMs: number; rateLimited: boolean };

const IDEMPOTENT = new Set(['GET', 'HEAD']);

function backoff(policy: RetryPolicy, attempt: number): number {
	return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
}

/**
 * 429: the server did not process the request, so any method is retried after Retry-After
 * (or exponential back-off). 5xx, 408, timeouts and dropped connections: only reads are retried,
 * because a write may have landed; the next sync run converges instead (architecture §4).
 * Everything else (400, 401 after n8n's own re-login, 403, 404) is final.
 */
export function decideRetry(failure: FailedAttempt, policy: RetryPolicy = DEFAULT_RETRY_POLICY): RetryDecision {
	const { status, attempt } = failure;
	if (status === 429) {
		if (attempt >= policy.maxRateLimitRetries) return { retry: false };
		const delayMs = Math.min(policy.maxDelayMs, failure.retryAfterMs ?? backoff(policy, attempt));
		return { retry: true, delayMs: Math.max(delayMs, 0), rateLimited: true };
	}
	const transient = status === undefined || status === 408 || status >= 500;
	if (!transient || !IDEMPOTENT.has(failure.method.toUpperCase())) return { retry: false };
	if (attempt >= policy.maxTransientRetries) return { retry: false };
	return { retry: true, delayMs: backoff(policy, attempt), rateLimited: false };
}
