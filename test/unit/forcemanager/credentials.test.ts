import type { IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { ForceManagerApi } from '../../../credentials/ForceManagerApi.credentials';

const helperWith = (impl: (o: IHttpRequestOptions) => Promise<unknown>) =>
	({ helpers: { httpRequest: jest.fn(impl) } }) as unknown as IHttpRequestHelper & {
		helpers: { httpRequest: jest.Mock };
	};

describe('ForceManagerApi credential', () => {
	const cred = new ForceManagerApi();

	test('fields per the agreed interface, session token hidden and expirable', () => {
		const byName = Object.fromEntries(cred.properties.map((p) => [p.name, p]));
		expect(cred.name).toBe('forceManagerApi');
		expect(byName.baseUrl.default).toBe('https://api.forcemanager.com/api/v4');
		expect(byName.privateKey.typeOptions?.password).toBe(true);
		expect(byName.requestsPerSecond.default).toBe(4);
		expect(byName.sessionToken.type).toBe('hidden');
		expect(byName.sessionToken.typeOptions?.expirable).toBe(true);
	});

	test('authenticate sends X-Session-Key from the session token', () => {
		expect(cred.authenticate).toEqual({
			type: 'generic',
			properties: { headers: { 'X-Session-Key': '={{$credentials.sessionToken}}' } },
		});
	});

	test('preAuthentication logs in with username/password and returns the token', async () => {
		const helper = helperWith(async () => ({ token: 'tok-1' }));
		const out = await cred.preAuthentication.call(helper, {
			baseUrl: 'http://127.0.0.1:1/api/v4/',
			publicKey: 'pub',
			privateKey: 'priv',
		});
		expect(out).toEqual({ sessionToken: 'tok-1' });
		const call = helper.helpers.httpRequest.mock.calls[0][0] as IHttpRequestOptions;
		expect(call).toMatchObject({
			method: 'POST',
			url: 'http://127.0.0.1:1/api/v4/login',
			body: { username: 'pub', password: 'priv' },
			json: true,
		});
	});

	test('a failed login never shows the private key', async () => {
		const helper = helperWith(async (o) => {
			throw Object.assign(new Error(`Request failed ${JSON.stringify(o.body)}`), { response: { status: 401 } });
		});
		const attempt = cred.preAuthentication.call(helper, {
			baseUrl: 'http://x/api/v4',
			publicKey: 'pub',
			privateKey: 'super-secret-private',
		});
		await expect(attempt).rejects.toThrow('ForceManager login failed (HTTP 401)');
		const error = (await attempt.catch((e: Error) => e)) as Error;
		expect(JSON.stringify({ m: error.message, s: error.stack, c: (error as { cause?: unknown }).cause })).not.toContain(
			'super-secret-private',
		);
	});

	test('a login answer without a token is an error', async () => {
		const helper = helperWith(async () => ({}));
		await expect(cred.preAuthentication.call(helper, { publicKey: 'a', privateKey: 'b' })).rejects.toThrow(/token/);
	});

	test('has a test request listing one user', () => {
		expect(cred.test.request).toMatchObject({ url: '/users', method: 'GET', headers: { count: '1' } });
	});
});
