// The only place that does ForceManager HTTP. Pacing per credential, 429 back-off honouring
// Retry-After, bounded retries of failed reads, a request timeout. Session handling (login, and one
// re-login on 401) is n8n's: the credential's preAuthentication runs inside
// httpRequestWithAuthentication. An answer that is not JSON (a proxy's HTML page, a cut or empty
// body, even with 200) is never a success: it fails with a message naming the request.
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
import { describeUnreadable, errorResponseBody, isJsonAnswer } from '../unreadable';

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
		let answer: unknown;
		try {
			answer = await this.helpers.httpRequestWithAuthentication.call(this, FORCEMANAGER_CREDENTIAL, options);
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
			if (!decision.retry) {
				const failed = errorResponseBody(error);
				if (failed?.status !== undefined && !isJsonAnswer(failed.body)) {
					throw unreadableAnswer.call(this, request, failed.status, failed.body, transientAttempts);
				}
				throw new NodeApiError(this.getNode(), error as JsonObject);
			}
			if (rateLimited) {
				rateLimitAttempts++;
				// Make every other request on this key wait too, not just this one.
				pushBack(pacer, Date.now(), decision.delayMs);
			} else {
				transientAttempts++;
				await sleep(decision.delayMs);
			}
			continue;
		}
		if (isJsonAnswer(answer)) return answer as T;
		// A 2xx whose body is cut, empty or a page: a read is retried like a dropped connection; a write
		// is not (it may have landed), and is never reported as done.
		const decision = decideRetry({ method: request.method, status: undefined, attempt: transientAttempts }, DEFAULT_RETRY_POLICY);
		if (!decision.retry) throw unreadableAnswer.call(this, request, 200, answer, transientAttempts);
		transientAttempts++;
		await sleep(decision.delayMs);
	}
}

/** `PUT /accounts/12`, `POST /accounts/bulk (2 records: "BRI001", "CAM001")`: the request in a message. */
function requestLabel(request: ForceManagerRequest): string {
	const label = `${request.method} ${request.path}`;
	if (!Array.isArray(request.body)) {
		const extId = request.body?.extId;
		return typeof extId === 'string' && extId !== '' ? `${label} (extId "${extId}")` : label;
	}
	// Bulk items are {guid, id?, data?}: name them by extId, else by id.
	const names = request.body.map((item) => ((item.data as IDataObject | undefined)?.extId ?? item.id) as unknown);
	const shown = names.filter((n) => n !== undefined && n !== null && n !== '').slice(0, 3).map((n) => `"${String(n)}"`);
	const more = names.length > shown.length && shown.length > 0 ? ', …' : '';
	return `${label} (${names.length} record${names.length === 1 ? '' : 's'}${shown.length ? `: ${shown.join(', ')}${more}` : ''})`;
}

/** What a proxy page, a crash text or a cut/empty body becomes: names the request, never pastes the body. */
function unreadableAnswer(
	this: ForceManagerFunctions,
	request: ForceManagerRequest,
	status: number,
	body: unknown,
	retries: number,
): NodeApiError {
	const read = request.method === 'GET' || request.method === 'HEAD';
	const message = `ForceManager answered ${requestLabel(request)} with HTTP ${status} and ${describeUnreadable(body)} instead of JSON`;
	const description =
		status >= 400 && status < 500
			? 'The request was refused before ForceManager could answer it: check the Base URL of the credential, any proxy in front of the API, and the length of filter values.'
			: read
				? `A proxy, a gateway or ForceManager itself failed${retries ? `; still failing after ${retries} retries` : ''}. Run again later.`
				: 'The write may or may not have been carried out, so it is not reported as done. The next run looks the records up before writing, so it converges without duplicates.';
	const error = new NodeApiError(this.getNode(), { message, httpCode: String(status) } as JsonObject, {
		message,
		description,
		httpCode: String(status),
	});
	// n8n rewrites messages that mention HTTP codes into a generic text; keep ours.
	error.message = message;
	return error;
}

/** ForceManager answers `{"Message": ...}` in examples and `message` in the swagger (notes §5). */
export function responseMessage(body: unknown): string | undefined {
	if (!body || typeof body !== 'object') return undefined;
	const entry = Object.entries(body as IDataObject).find(([k]) => k.toLowerCase() === 'message');
	return entry && typeof entry[1] === 'string' ? entry[1] : undefined;
}
