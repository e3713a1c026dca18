// The bridge's error body `{code, message, retryable, sageErrorCode?, field?, record?}` (openapi.yaml
// components.schemas.Error) turned into a message a user can act on: which record, which field,
// what Sage said. Pure; the transport wraps the result in a NodeApiError.
import { readHttpFailure } from '../httpFailure';

export interface BridgeErrorBody {
	code: string;
	message: string;
	retryable: boolean;
	sageErrorCode?: number;
	field?: string;
	record?: string;
}

/** What went wrong with one HTTP call, extracted from whatever the HTTP client threw. */
export interface BridgeFailure {
	/** HTTP status; undefined when no response arrived (bridge offline, timeout). */
	status?: number;
	body?: BridgeErrorBody;
	retryAfterMs?: number;
	/** Network error code (ECONNREFUSED, ECONNRESET, ETIMEDOUT …) when there was no response. */
	networkCode?: string;
}

export function isBridgeErrorBody(value: unknown): value is BridgeErrorBody {
	if (!value || typeof value !== 'object') return false;
	const v = value as Record<string, unknown>;
	return typeof v.code === 'string' && typeof v.message === 'string';
}

function parseBody(raw: unknown): BridgeErrorBody | undefined {
	// Binary requests (product images) get their error body as bytes.
	let value = raw instanceof ArrayBuffer || ArrayBuffer.isView(raw) ? new TextDecoder().decode(raw as ArrayBuffer) : raw;
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value);
		} catch {
			return undefined;
		}
	}
	if (value && typeof value === 'object' && !isBridgeErrorBody(value) && 'error' in value) {
		value = (value as { error: unknown }).error;
	}
	return isBridgeErrorBody(value) ? { ...value, retryable: value.retryable === true } : undefined;
}

/** Status, bridge body and Retry-After from an axios error or n8n's NodeApiError around one. */
export function readFailure(error: unknown): BridgeFailure {
	const { data, ...failure } = readHttpFailure(error);
	return { ...failure, body: parseBody(data) };
}

const HINTS: Record<string, string> = {
	USER_IN_USE:
		"The bridge's Sage user is logged in elsewhere. Log that user out of Sage 50 (give the bridge a dedicated Sage user) and run again.",
	EXCLUSIVE_MODE:
		'Sage 50 is in exclusive mode (backup, month end, data check). Run again when it has finished.',
	SAGE_BUSY: 'Sage 50 files were locked by another process. Run again shortly.',
	RECORD_LOCKED: 'Someone is editing this record in Sage 50. Close it there and run again.',
	UNAUTHORIZED: 'Check the API key in the Sage 50 UKI credential.',
	IDEMPOTENCY_KEY_REUSED:
		'An earlier attempt of this write (same execution item, Source Record ID or key) was made with other values and stands; nothing was written now. Check the named record in Sage 50; to write anyway, run with a new Idempotency Key.',
};

/** `Customer "ABS001", field ADDRESS_1: Too long (FIELD_TOO_LONG)` */
export function bridgeErrorMessage(failure: BridgeFailure, context: { label?: string; record?: string } = {}): string {
	const body = failure.body;
	if (!body) {
		if (failure.status === undefined) {
			return `The Sage 50 bridge could not be reached${failure.networkCode ? ` (${failure.networkCode})` : ''}: check that it is running and the Bridge URL in the credential`;
		}
		return `The Sage 50 bridge answered HTTP ${failure.status} without an error description`;
	}
	const record = body.record ?? context.record;
	const subject = [context.label ?? 'Record', record ? `"${record}"` : undefined].filter(Boolean).join(' ');
	const where = body.field ? `${subject}, field ${body.field}` : subject;
	const sage = body.sageErrorCode !== undefined ? `, Sage error ${body.sageErrorCode}` : '';
	return `${where}: ${body.message} (${body.code}${sage})`;
}

export function bridgeErrorHint(failure: BridgeFailure): string | undefined {
	if (!failure.body) return failure.status === undefined ? 'Is the bridge service running on the Sage PC?' : undefined;
	const hint = HINTS[failure.body.code];
	return failure.body.retryable && hint ? `${hint} (Still failing after the retries.)` : hint;
}
