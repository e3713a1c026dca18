// Fake n8n node contexts for node tests. HTTP is real (axios), and the credential handling
// follows n8n-core's httpRequestWithAuthentication: preAuthentication runs when the credential's
// hidden expirable field is empty, the generic `authenticate` block is resolved against the
// credential, and a 401 triggers one more preAuthentication (expired) and one retry. HTTP errors
// surface as NodeApiError whose cause is the axios error, as in n8n.
import axios, { type AxiosRequestConfig, type AxiosResponse } from 'axios';
import {
	type IAuthenticateGeneric,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type INode,
	type INodeExecutionData,
	type IPollFunctions,
	NodeApiError,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { ForceManagerApi } from '../../credentials/ForceManagerApi.credentials';

type Params = Record<string, unknown>;

export interface FakeContextOptions {
	/** Node parameters; a function gets the item index (per-item expressions). */
	parameters?: Params | ((itemIndex: number) => Params);
	items?: INodeExecutionData[];
	/** Credentials by type name; the object is mutated like n8n persists preAuthentication output. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	credentialTypes?: ICredentialType[];
	staticData?: { global?: IDataObject; node?: IDataObject };
	mode?: WorkflowExecuteMode;
	continueOnFail?: boolean;
	node?: Partial<INode>;
	timezone?: string;
	/** n8n 2.36+: `getPollBudgetMs()` on poll contexts (absent when undefined, as in n8n 1.x). */
	pollBudgetMs?: number;
	/** `getExecutionId()`; absent: the context has none (throws, like a context outside a run). */
	executionId?: string;
	/** `getWorkflow().id` (default 'test-workflow'). */
	workflowId?: string;
	/** The node's run index (`$runIndex`, default 0). */
	runIndex?: number;
	/**
	 * The execution's custom data (`this.customData`), mutated in place. n8n keeps it in the
	 * execution's data, which a Retry carries over: pass one object to the run and its retry.
	 */
	customData?: Record<string, string>;
}

export interface FakeStats {
	/** preAuthentication calls (logins). */
	logins: number;
	/** Requests sent through httpRequestWithAuthentication (retries included). */
	requests: Array<{ method: string; url: string; body?: unknown; qs?: IDataObject; headers?: IDataObject }>;
}

export interface FakeContextExtras {
	fake: FakeStats & { credentials: Record<string, ICredentialDataDecryptedObject> };
}

function getPath(source: Params, path: string): unknown {
	let cur: unknown = source;
	for (const part of path.split('.')) {
		if (cur === null || typeof cur !== 'object') return undefined;
		cur = (cur as Params)[part];
	}
	return cur;
}

/** Resolves `={{ ... }}` against `$credentials`, as n8n's credential expressions do. */
export function resolveCredentialExpression(value: unknown, credentials: ICredentialDataDecryptedObject): unknown {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	const text = value.slice(1);
	const whole = /^\{\{([\s\S]*)\}\}$/.exec(text.trim());
	// eslint-disable-next-line @typescript-eslint/no-implied-eval
	const evaluate = (expr: string) => new Function('$credentials', `return (${expr});`)(credentials);
	if (whole) return evaluate(whole[1]);
	return text.replace(/\{\{([\s\S]*?)\}\}/g, (_m, expr: string) => String(evaluate(expr)));
}

function toAxios(options: IHttpRequestOptions): AxiosRequestConfig {
	return {
		method: options.method ?? 'GET',
		url: options.url,
		baseURL: options.baseURL,
		headers: options.headers as AxiosRequestConfig['headers'],
		params: options.qs,
		data: options.body,
		timeout: options.timeout,
		auth: options.auth as AxiosRequestConfig['auth'],
		validateStatus: options.ignoreHttpStatusErrors ? () => true : (s) => s >= 200 && s < 300,
		responseType: options.encoding === 'arraybuffer' ? 'arraybuffer' : 'json',
	};
}

/** `helpers.httpRequest`: plain axios; body only unless returnFullResponse. Errors are raw axios errors. */
export async function httpRequest(options: IHttpRequestOptions): Promise<unknown> {
	const response: AxiosResponse = await axios.request(toAxios(options));
	if (options.returnFullResponse) {
		return {
			body: response.data,
			headers: response.headers,
			statusCode: response.status,
			statusMessage: response.statusText,
		};
	}
	return response.data;
}

function applyGenericAuth(
	auth: IAuthenticateGeneric,
	credentials: ICredentialDataDecryptedObject,
	options: IHttpRequestOptions,
): IHttpRequestOptions {
	const out: IHttpRequestOptions = { ...options };
	const props = auth.properties;
	const resolveAll = (o: IDataObject | undefined) =>
		Object.fromEntries(
			Object.entries(o ?? {}).map(([k, v]) => [k, resolveCredentialExpression(v, credentials)]),
		) as IDataObject;
	if (props.headers) out.headers = { ...(options.headers ?? {}), ...resolveAll(props.headers as IDataObject) };
	if (props.qs) out.qs = { ...(options.qs ?? {}), ...resolveAll(props.qs as IDataObject) };
	if (props.body) out.body = { ...((options.body as IDataObject) ?? {}), ...resolveAll(props.body as IDataObject) };
	if (props.auth) out.auth = resolveAll(props.auth as IDataObject) as unknown as IHttpRequestOptions['auth'];
	return out;
}

function buildCore(opts: FakeContextOptions) {
	const credentials = opts.credentials ?? {};
	const types = new Map<string, ICredentialType>(
		(opts.credentialTypes ?? [new ForceManagerApi()]).map((t) => [t.name, t]),
	);
	const stats: FakeStats = { logins: 0, requests: [] };
	const node: INode = {
		id: 'test-node',
		name: 'ForceManager',
		type: 'n8n-nodes-sage50-forcemanager.forceManager',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		...opts.node,
	};
	const staticData = { global: opts.staticData?.global ?? {}, node: opts.staticData?.node ?? {} };

	async function preAuthentication(typeName: string, expired: boolean): Promise<void> {
		const type = types.get(typeName);
		const creds = credentials[typeName];
		if (!type?.preAuthentication || !creds) return;
		const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable);
		if (!expirable) return;
		if (!expired && creds[expirable.name]) return;
		stats.logins++;
		const output = await type.preAuthentication.call({ helpers: { httpRequest } } as never, { ...creds });
		Object.assign(creds, output);
	}

	async function authenticate(typeName: string, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const type = types.get(typeName);
		const creds = credentials[typeName] ?? {};
		const auth = type?.authenticate;
		if (!auth) return options;
		if (typeof auth === 'function') return auth(creds, options);
		return applyGenericAuth(auth as IAuthenticateGeneric, creds, options);
	}

	async function send(typeName: string, options: IHttpRequestOptions) {
		const authed = await authenticate(typeName, options);
		stats.requests.push({
			method: String(authed.method ?? 'GET'),
			url: String(authed.url),
			body: authed.body,
			qs: authed.qs as IDataObject,
			headers: authed.headers as IDataObject,
		});
		return httpRequest(authed);
	}

	async function httpRequestWithAuthentication(typeName: string, options: IHttpRequestOptions): Promise<unknown> {
		if (!credentials[typeName]) {
			throw new Error(`Node "${node.name}" does not have any credentials of type "${typeName}" set`);
		}
		try {
			await preAuthentication(typeName, false);
			return await send(typeName, options);
		} catch (error) {
			const status = (error as { response?: { status?: number } }).response?.status;
			if (status === 401 && types.get(typeName)?.preAuthentication) {
				try {
					await preAuthentication(typeName, true);
					return await send(typeName, options);
				} catch (retryError) {
					throw new NodeApiError(node, retryError as never);
				}
			}
			throw new NodeApiError(node, error as never);
		}
	}

	const helpers = {
		httpRequest,
		httpRequestWithAuthentication,
		// Binary data kept inline (base64 in `data`), as n8n's default filesystem-less mode.
		getBinaryDataBuffer: async (itemIndex: number, property: string) => {
			const binary = opts.items?.[itemIndex]?.binary?.[property];
			if (!binary) throw new Error(`Item ${itemIndex} has no binary property "${property}"`);
			return Buffer.from(binary.data, 'base64');
		},
		returnJsonArray: (data: IDataObject | IDataObject[]) =>
			(Array.isArray(data) ? data : [data]).map((json) => ({ json })),
		constructExecutionMetaData: (
			data: INodeExecutionData[],
			meta: { itemData: INodeExecutionData['pairedItem'] },
		) => data.map((d) => ({ ...d, pairedItem: meta.itemData })),
		// In-memory binary, the shape n8n's default (filesystem-less) mode returns.
		prepareBinaryData: async (data: Buffer, filePath?: string, mimeType?: string) => {
			const fileName = filePath?.split('/').pop();
			const dot = fileName?.lastIndexOf('.') ?? -1;
			return {
				data: data.toString('base64'),
				mimeType: mimeType ?? 'application/octet-stream',
				fileName,
				fileExtension: fileName && dot > 0 ? fileName.slice(dot + 1) : undefined,
				fileSize: String(data.length),
			};
		},
	};

	const params = (i: number): Params =>
		typeof opts.parameters === 'function' ? opts.parameters(i) : (opts.parameters ?? {});

	const getParameter = (name: string, itemIndex: number, fallback: unknown, options?: { extractValue?: boolean }) => {
		let value = getPath(params(itemIndex), name);
		if (value === undefined) {
			if (fallback === undefined) throw new Error(`Could not get parameter "${name}"`);
			return fallback;
		}
		if (options?.extractValue && value && typeof value === 'object' && '__rl' in (value as Params)) {
			value = (value as Params).value;
		}
		return value;
	};

	const customData = opts.customData ?? {};
	const setCustomData = (key: string, value: string) => {
		if (key in customData || Object.keys(customData).length < 10) customData[key] = String(value);
	};
	const base = {
		getNode: () => node,
		getExecutionId: () => {
			if (opts.executionId === undefined) throw new Error('No execution id in this context');
			return opts.executionId;
		},
		getWorkflow: () => ({ id: opts.workflowId ?? 'test-workflow', name: 'Test workflow', active: false }),
		getInstanceId: () => 'test-instance',
		getWorkflowDataProxy: () => ({ $runIndex: opts.runIndex ?? 0 }),
		// n8n's execution custom data: at most 10 keys, more are dropped silently (execution-metadata.ts).
		customData: {
			get: (key: string) => customData[key],
			getAll: () => ({ ...customData }),
			set: setCustomData,
			setAll: (values: Record<string, string>) => Object.entries(values).forEach(([k, v]) => setCustomData(k, v)),
		},
		getMode: () => opts.mode ?? 'manual',
		getTimezone: () => opts.timezone ?? 'Europe/London',
		getWorkflowStaticData: (type: string) => (type === 'node' ? staticData.node : staticData.global),
		getCredentials: async (typeName: string) => {
			const creds = credentials[typeName];
			if (!creds) throw new Error(`Node "${node.name}" does not have any credentials of type "${typeName}" set`);
			return { ...creds };
		},
		continueOnFail: () => opts.continueOnFail ?? false,
		logger: { debug() {}, info() {}, warn() {}, error() {} },
		helpers,
		fake: Object.assign(stats, { credentials }),
	};
	return { base, getParameter };
}

export function createExecuteContext(opts: FakeContextOptions = {}): IExecuteFunctions & FakeContextExtras {
	const { base, getParameter } = buildCore(opts);
	const items = opts.items ?? [{ json: {} }];
	return {
		...base,
		getInputData: () => items,
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown, options?: { extractValue?: boolean }) =>
			getParameter(name, itemIndex, fallback, options),
	} as unknown as IExecuteFunctions & FakeContextExtras;
}

export function createPollContext(opts: FakeContextOptions = {}): IPollFunctions & FakeContextExtras {
	const { base, getParameter } = buildCore(opts);
	return {
		...base,
		getMode: () => opts.mode ?? 'trigger',
		getActivationMode: () => 'activate',
		...(opts.pollBudgetMs === undefined ? {} : { getPollBudgetMs: () => opts.pollBudgetMs }),
		getNodeParameter: (name: string, fallback?: unknown, options?: { extractValue?: boolean }) =>
			getParameter(name, 0, fallback, options),
		__emit: () => undefined,
	} as unknown as IPollFunctions & FakeContextExtras;
}

export function createLoadOptionsContext(opts: FakeContextOptions = {}): ILoadOptionsFunctions & FakeContextExtras {
	const { base, getParameter } = buildCore(opts);
	return {
		...base,
		getNodeParameter: (name: string, fallback?: unknown) => getParameter(name, 0, fallback),
		getCurrentNodeParameter: (name: string) => getPath(typeof opts.parameters === 'function' ? opts.parameters(0) : (opts.parameters ?? {}), name),
	} as unknown as ILoadOptionsFunctions & FakeContextExtras;
}

/**
 * Runs a credential's declarative `test` request the way n8n's credential tester does:
 * preAuthentication, authenticate, then the request. Resolves true on 2xx.
 */
export async function testCredential(
	type: ICredentialType,
	credentials: ICredentialDataDecryptedObject,
): Promise<{ ok: boolean; status?: number; message?: string }> {
	const ctx = createExecuteContext({ credentials: { [type.name]: credentials }, credentialTypes: [type] });
	const req = type.test?.request;
	if (!req) return { ok: false, message: 'no test request' };
	const baseURL = resolveCredentialExpression(req.baseURL, credentials) as string | undefined;
	try {
		await ctx.helpers.httpRequestWithAuthentication.call(ctx, type.name, {
			method: req.method ?? 'GET',
			url: `${baseURL ?? ''}${req.url ?? ''}`,
			headers: req.headers,
			qs: req.qs,
			json: true,
		});
		return { ok: true, status: 200 };
	} catch (error) {
		return { ok: false, status: Number((error as NodeApiError).httpCode) || undefined, message: (error as Error).message };
	}
}
