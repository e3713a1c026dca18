import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

// ForceManager v4 session login (notes §2): POST {base}/login {username: publicKey, password:
// privateKey} -> {token}, then X-Session-Key on every call. n8n runs preAuthentication when the
// hidden expirable `sessionToken` is empty and once more (then retries) when a call gets 401.
export class ForceManagerApi implements ICredentialType {
	name = 'forceManagerApi';

	displayName = 'ForceManager API';

	icon: Icon = { light: 'file:../icons/forcemanager.svg', dark: 'file:../icons/forcemanager.dark.svg' };

	documentationUrl = 'https://developer.forcemanager.com/';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.forcemanager.com/api/v4',
			description: 'ForceManager API v4 address. Change it only for a test environment or a local simulator.',
			placeholder: 'https://api.forcemanager.com/api/v4',
		},
		{
			displayName: 'Public Key',
			name: 'publicKey',
			type: 'string',
			default: '',
			required: true,
			description: 'Public API key from ForceManager Settings > Integrations > API keys',
		},
		{
			displayName: 'Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Requests per Second',
			name: 'requestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 2 },
			default: 4,
			description:
				'Client-side pace for calls with this key. ForceManager allows 4 or 13 per second depending on the plan; 0 disables pacing.',
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const baseUrl = String(credentials.baseUrl || 'https://api.forcemanager.com/api/v4').replace(/\/+$/, '');
		let response: { token?: unknown };
		try {
			response = (await this.helpers.httpRequest({
				method: 'POST',
				url: `${baseUrl}/login`,
				headers: { Accept: 'application/json' },
				body: { username: credentials.publicKey, password: credentials.privateKey },
				json: true,
			})) as { token?: unknown };
		} catch (error) {
			// A fresh error: the HTTP client's error carries the request body (the private key). Only
			// the status and Retry-After survive, so a rate-limited login is retried like any call.
			const response = (error as { response?: { status?: number; headers?: Record<string, unknown> } })?.response;
			const status = response?.status;
			const retryAfter = Object.entries(response?.headers ?? {}).find(([k]) => k.toLowerCase() === 'retry-after')?.[1];
			throw Object.assign(
				new Error(`ForceManager login failed${status ? ` (HTTP ${status})` : ''}: check the base URL and the API key pair`),
				{
					httpCode: status ? String(status) : undefined,
					response: { status, headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter } },
				},
			);
		}
		if (typeof response?.token !== 'string' || response.token === '') {
			throw new Error('ForceManager login answered without a session token');
		}
		return { sessionToken: response.token };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { 'X-Session-Key': '={{$credentials.sessionToken}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/users',
			method: 'GET',
			headers: { count: '1' },
		},
	};
}
