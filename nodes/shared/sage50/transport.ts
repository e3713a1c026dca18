// The only place that does Sage 50 bridge HTTP: API key via the credential, a company check, an
// Idempotency-Key on every write, bounded retries of what the bridge marks retryable (and of
// calls that got no answer, or an answer that is not the bridge's JSON), and errors rewritten so
// they name record and field and never carry the request (whose headers hold the API key).
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { describeUnreadable, errorResponseBody, isJsonAnswer } from '../unreadable';
import { bridgeErrorHint, bridgeErrorMessage, readFailure, type BridgeFailure } from './errors';
import { decideSageRetry, DEFAULT_SAGE_RETRY_POLICY, type SageRetryPolicy } from './retry';

export type SageFunctions = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

export const SAGE50_CREDENTIAL = 'sage50UkiApi';
const DEFAULT_TIMEOUT_MS = 60_000;

export interface SageRequest {
	method: IHttpRequestMethods;
	/** Relative to the bridge URL, e.g. `/customers/ABS001` (path parts already encoded). */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** Required for POST/PATCH of Sage records (the bridge rejects writes without one); null for the bridge's own ledger calls. */
	idempotencyKey?: string | null;
	/** For error messages: `Customer`, `Sales order` … and the record's key. */
	label?: string;
	record?: string;
	itemIndex?: number;
	timeout?: number;
	/** 'arraybuffer' for binary answers (product images); JSON otherwise. */
	encoding?: 'arraybuffer';
}

export interface SageResponse<T> {
	body: T;
	/** The bridge replayed a stored response for this idempotency key: nothing was written. */
	replayed: boolean;
	headers: Record<string, unknown>;
}

export class SageBridgeError extends NodeApiError {
	bridgeFailure!: BridgeFailure;
}

export function bridgeUrl(value: unknown): string {
	const url = typeof value === 'string' ? value.trim().replace(/\/+$/, '') : '';
	return url === '' ? 'http://127.0.0.1:8085' : url;
}

/** `encodeURIComponent` for a path segment (account refs may contain `&`). */
export const segment = (value: string | number) => encodeURIComponent(String(value));

function policyFrom(credentials: IDataObject): SageRetryPolicy {
	const n = Number(credentials.maxRetries);
	return { ...DEFAULT_SAGE_RETRY_POLICY, maxRetries: Number.isFinite(n) && n >= 0 ? Math.floor(n) : DEFAULT_SAGE_RETRY_POLICY.maxRetries };
}

/** A NodeApiError built from the failure only (not the HTTP client's error, which holds headers). */
export function toNodeError(this: SageFunctions, failure: BridgeFailure, request: Pick<SageRequest, 'label' | 'record' | 'itemIndex'>): SageBridgeError {
	const message = bridgeErrorMessage(failure, { label: request.label, record: request.record });
	const response: JsonObject = { message };
	if (failure.body) response.error = { ...failure.body } as unknown as JsonObject;
	const error = new SageBridgeError(this.getNode(), response, {
		message,
		description: bridgeErrorHint(failure),
		httpCode: failure.status === undefined ? undefined : String(failure.status),
		itemIndex: request.itemIndex,
	});
	// n8n rewrites messages that mention network codes (ECONNRESET …) into a generic text; keep ours.
	error.message = message;
	error.bridgeFailure = failure;
	return error;
}

// One company check per node run (contexts are per run), shared by all its calls.
const companyChecks = new WeakMap<object, Promise<void>>();

async function checkCompany(this: SageFunctions, baseUrl: string, expected: string, request: SageRequest): Promise<void> {
	let health: IDataObject;
	const check: SageRequest = { method: 'GET', path: '/health', itemIndex: request.itemIndex };
	try {
		health = (await this.helpers.httpRequest({ method: 'GET', url: `${baseUrl}/health`, json: true, timeout: DEFAULT_TIMEOUT_MS })) as IDataObject;
	} catch (error) {
		const failure = readFailure(error);
		const raw = errorResponseBody(error);
		if (!failure.body && raw?.status !== undefined && !isJsonAnswer(raw.body)) throw unreadableAnswer.call(this, check, raw.status, raw.body, 0);
		throw toNodeError.call(this, failure, { itemIndex: request.itemIndex });
	}
	if (!isJsonAnswer(health)) throw unreadableAnswer.call(this, check, 200, health, 0);
	const served = String(health?.company ?? '').trim();
	if (served.toLowerCase() !== expected.trim().toLowerCase()) {
		throw new NodeApiError(this.getNode(), { message: 'wrong company' } as JsonObject, {
			message: `The bridge serves the Sage company "${served}", not "${expected}"`,
			description: 'Nothing was read or written. Fix the Bridge URL or the Company in the Sage 50 UKI credential.',
			itemIndex: request.itemIndex,
		});
	}
}

export async function sageRequestFull<T = unknown>(this: SageFunctions, request: SageRequest): Promise<SageResponse<T>> {
	const credentials = await this.getCredentials(SAGE50_CREDENTIAL);
	const baseUrl = bridgeUrl(credentials.bridgeUrl);
	const company = String(credentials.company ?? '').trim();
	if (company !== '') {
		let check = companyChecks.get(this);
		if (!check) {
			check = checkCompany.call(this, baseUrl, company, request);
			companyChecks.set(this, check);
			check.catch(() => companyChecks.delete(this));
		}
		await check;
	}
	const isWrite = request.method !== 'GET' && request.method !== 'HEAD';
	if (isWrite && request.idempotencyKey !== null && !request.idempotencyKey) {
		throw new Error(`Internal error: ${request.method} ${request.path} without an idempotency key`);
	}
	const headers: IDataObject = { Accept: request.encoding === 'arraybuffer' ? '*/*' : 'application/json' };
	if (request.idempotencyKey) headers['Idempotency-Key'] = request.idempotencyKey;
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${baseUrl}${request.path.startsWith('/') ? '' : '/'}${request.path}`,
		qs: request.qs,
		headers,
		json: request.encoding !== 'arraybuffer',
		returnFullResponse: true,
		timeout: request.timeout ?? DEFAULT_TIMEOUT_MS,
	};
	if (request.encoding) options.encoding = request.encoding;
	if (request.body !== undefined) options.body = request.body;

	const policy = policyFrom(credentials);
	for (let attempt = 0; ; attempt++) {
		let failure: BridgeFailure;
		/** Set when the answer is not the bridge's JSON: a proxy page, a crash text, a cut or empty body. */
		let unreadable: { status: number; body: unknown } | undefined;
		try {
			const response = (await this.helpers.httpRequestWithAuthentication.call(this, SAGE50_CREDENTIAL, options)) as {
				body: T;
				headers?: Record<string, unknown>;
				statusCode?: number;
			};
			if (request.encoding === 'arraybuffer' || isJsonAnswer(response.body)) {
				const replayed = Object.entries(response.headers ?? {}).some(
					([k, v]) => k.toLowerCase() === 'idempotency-replayed' && String(v) === 'true',
				);
				return { body: response.body, replayed, headers: response.headers ?? {} };
			}
			unreadable = { status: response.statusCode ?? 200, body: response.body };
			failure = { status: unreadable.status };
		} catch (error) {
			failure = readFailure(error);
			const raw = errorResponseBody(error);
			if (!failure.body && raw?.status !== undefined && !isJsonAnswer(raw.body)) unreadable = { status: raw.status, body: raw.body };
		}
		// A 2xx that is not JSON, or a 5xx page from a proxy or a crashed host, is transient like a dropped
		// connection, writes included: they carry an Idempotency-Key, so a retry runs them at most once.
		const transient = unreadable !== undefined && (unreadable.status < 300 || unreadable.status >= 500);
		const decision = decideSageRetry(transient ? { retryAfterMs: failure.retryAfterMs } : failure, attempt, policy);
		if (!decision.retry) {
			throw unreadable ? unreadableAnswer.call(this, request, unreadable.status, unreadable.body, attempt) : toNodeError.call(this, failure, request);
		}
		await sleep(decision.delayMs);
	}
}

/** `Customer "ABS001": the Sage 50 bridge answered GET /customers/ABS001 with HTTP 502 and an HTML page (…) instead of JSON`. */
function unreadableAnswer(this: SageFunctions, request: SageRequest, status: number, body: unknown, retries: number): SageBridgeError {
	const subject = [request.label, request.record ? `"${request.record}"` : undefined].filter(Boolean).join(' ');
	const what = `the Sage 50 bridge answered ${request.method} ${request.path} with HTTP ${status} and ${describeUnreadable(body)} instead of JSON`;
	const message = subject ? `${subject}: ${what}` : `${what.charAt(0).toUpperCase()}${what.slice(1)}`;
	const read = request.method === 'GET' || request.method === 'HEAD';
	const description = [
		read
			? 'A proxy in front of the bridge, or the bridge service on the Sage PC, failed.'
			: 'The write may or may not have happened, so it is not reported as done; it carries an Idempotency-Key, so running again does it at most once.',
		retries ? `Still failing after ${retries} retries.` : undefined,
	]
		.filter(Boolean)
		.join(' ');
	const error = new SageBridgeError(this.getNode(), { message } as JsonObject, {
		message,
		description,
		httpCode: String(status),
		itemIndex: request.itemIndex,
	});
	error.message = message;
	error.bridgeFailure = { status };
	return error;
}

export async function sageRequest<T = unknown>(this: SageFunctions, request: SageRequest): Promise<T> {
	return (await sageRequestFull.call(this, request)).body as T;
}

/** The failure behind an error thrown by sageRequest (undefined for other errors). */
export function failureOf(error: unknown): BridgeFailure | undefined {
	return error instanceof SageBridgeError ? error.bridgeFailure : undefined;
}
