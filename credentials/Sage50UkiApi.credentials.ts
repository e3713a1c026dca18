import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

// The Sage 50 bridge (bridge/openapi.yaml): API key in `X-API-Key` on every call except /health.
// The contract has no per-request company selector (one bridge serves one company), so the
// company is checked against the bridge's /health answer before a node writes or reads
// (nodes/shared/sage50/transport.ts) rather than sent.
export class Sage50UkiApi implements ICredentialType {
	name = 'sage50UkiApi';

	displayName = 'Sage 50 UKI API';

	icon: Icon = { light: 'file:../nodes/Sage50Uki/sage50.svg', dark: 'file:../nodes/Sage50Uki/sage50.dark.svg' };

	documentationUrl = 'https://github.com/sage50-forcemanager/n8n-nodes-sage50-forcemanager/tree/main/nodes/Sage50Uki#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Bridge URL',
			name: 'bridgeUrl',
			type: 'string',
			default: 'http://127.0.0.1:8085',
			required: true,
			placeholder: 'http://sage-pc.local:8085',
			description: 'Address of the Sage 50 bridge service running on the Sage PC',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The API key configured in the bridge',
		},
		{
			displayName: 'Company',
			name: 'company',
			type: 'string',
			default: '',
			placeholder: 'e.g. Stationery & Computer Mart UK',
			description:
				'Name of the Sage company the bridge serves (as shown in Sage under Help > About). When set, every run first checks that the bridge serves this company, so records are never written into the wrong company. Leave empty to skip the check.',
		},
		{
			displayName: 'Retries When Sage Is Busy',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: 3,
			description:
				'How often a call is retried when the bridge reports Sage as busy, locked, in exclusive mode or its user in use, or cannot be reached. Writes are safe to retry (each carries an idempotency key).',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { 'X-API-Key': '={{$credentials.apiKey}}' },
		},
	};

	// An authenticated read (not the public /health), so a wrong key fails the test.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.bridgeUrl.replace(/\\/+$/, "")}}',
			url: '/users',
			method: 'GET',
			qs: { limit: 1 },
		},
	};
}
