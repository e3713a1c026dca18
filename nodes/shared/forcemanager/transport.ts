// The only place that does ForceManager HTTP. Pacing per credential, 429 back-off honouring
// Retry-After, bounded retries of failed reads, a request timeout. Session handling (login, and one
// re-login on 401) is n8n's: the credential's preAuthentication runs inside
// httpRequestWithAuthentication.
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

import { readHttpFailure } from '../httpFailure';
import {
	decideRetry,
	DEFAULT_RETRY_POLICY,
	type PacerState,
	pushBack,
	reserveSlot,
} from './retry';

export type ForceManagerFunctions = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

export interface ForceManagerRequest {
	method: IHttpRequestMethods;
	/** Relative to the credential's base URL, e.g. `/accounts/12`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	/** Page size for list calls, sent as the `count` header (notes §4.2). */
	pageSize?: number;
	/** Request timeout in ms (default 60 s). */
	timeout?: number;
}

export const FORCEMANAGER_CREDENTIAL = 'forceManagerApi';
export const DEFAULT_BASE_URL = 'https://api.forcemanager.com/api/v4';
const DEFAULT_TIMEOUT_MS = 60_000;

// One pacer per ForceManager key and host, shared by every node in this process.
const pacers = new Map<string, PacerState>();

export function pacerFor(baseUrl: string, publicKey: string): PacerState {
	const key = `${baseUrl}|${publicKey}`;
	let state = pacers.get(key);
	if (!state) {
		state = { nextAt: 0 };
		pacers.set(key, state);
	}
	return state;
}

export function normaliseBaseUrl(value: unknown): string {
	const url = typeof value === 'string' && value.trim() !== '' ? value.trim() : DEFAULT_BASE_URL;
	return url.replace(/\/+$/, '');
}

export async function forceManagerRequest<T = unknown>(
	this: ForceManagerFunctions,
	request: ForceManagerRequest,
): Promise<T> {
	const credentials = await this.getCredentials(FORCEMANAGER_CREDENTIAL);
	const baseUrl = normaliseBaseUrl(credentials.baseUrl);
	const rps = Number(credentials.requestsPerSecond ?? 4);
	const pacer = pacerFor(baseUrl, String(credentials.publicKey ?? ''));

	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${baseUrl}${request.path.startsWith('/') ? '' : '/'}${request.path}`,
		qs: request.qs,
		headers: { Accept: 'application/json' },
		json: true,
		timeout: request.timeout ?? DEFAULT_TIMEOUT_MS,
	};
	if (request.pageSize !== undefined) {
		(options.headers as IDataObject).count = String(request.pageSize);
	}
	if (request.body !== undefined) options.body = request.body;

	let rateLimitAttempts = 0;
	let transientAttempts = 0;
	for (;;) {
		const wait = reserveSlot(pacer, Date.now(), rps);
		if (wait > 0) await sleep(wait);
		try {
			return (await this.helpers.httpRequestWithAuthentication.call(
				this,
				FORCEMANAGER_CREDENTIAL,
				options,
			)) as T;
		} catch (error) {
			const { status, retryAfterMs } = readHttpFailure(error);
			const rateLimited = status === 429;
			const decision = decideRetry(
				{
					method: request.method,
					status,
					retryAfterMs,
					attempt: rateLimited ? rateLimitAttempts : transientAttempts,
				},
				DEFAULT_RETRY_POLICY,
			);
			if (!decision.retry) throw new NodeApiError(this.getNode(), error as JsonObject);
			if (rateLimited) {
				rateLimitAttempts++;
				// Make every other request on this key wait too, not just this one.
				pushBack(pacer, Date.now(), decision.delayMs);
			} else {
				transientAttempts++;
				await sleep(decision.delayMs);
			}
		}
	}
}

/** ForceManager answers `{"Message": ...}` in examples and `message` in the swagger (notes §5). */
export function responseMessage(body: unknown): string | undefined {
	if (!body || typeof body !== 'object') return undefined;
	const entry = Object.entries(body as IDataObject).find(([k]) => k.toLowerCase() === 'message');
	return entry && typeof entry[1] === 'string' ? entry[1] : undefined;
}
