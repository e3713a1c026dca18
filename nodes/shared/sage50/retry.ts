// Which failed bridge calls are retried and after how long. Pure, so it is unit-tested.
// Writes are retried too: every write carries an Idempotency-Key, and the bridge stores no result
// for retryable failures, so a retry either runs the write once or replays the stored success.
import type { BridgeFailure } from './errors';

export interface SageRetryPolicy {
	maxRetries: number;
	baseDelayMs: number;
	maxDelayMs: number;
}

export const DEFAULT_SAGE_RETRY_POLICY: SageRetryPolicy = { maxRetries: 3, baseDelayMs: 1000, maxDelayMs: 30_000 };

export type SageRetryDecision = { retry: false } | { retry: true; delayMs: number };

/** No response at all (connection refused/reset, timeout): the bridge or the network hiccupped. */
export function isNetworkFailure(failure: BridgeFailure): boolean {
	return failure.status === undefined;
}

export function decideSageRetry(
	failure: BridgeFailure,
	attempt: number,
	policy: SageRetryPolicy = DEFAULT_SAGE_RETRY_POLICY,
): SageRetryDecision {
	const retryable = failure.body?.retryable === true || isNetworkFailure(failure);
	if (!retryable || attempt >= policy.maxRetries) return { retry: false };
	// The bridge knows when Sage will be free again; otherwise back off exponentially.
	const delay = failure.retryAfterMs ?? policy.baseDelayMs * 2 ** attempt;
	return { retry: true, delayMs: Math.max(0, Math.min(policy.maxDelayMs, delay)) };
}
