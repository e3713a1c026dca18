// The service tests' API client: every bridge response is validated against bridge/openapi.yaml by
// the bridge's own contract validator (bridge/src/contract/validator.ts, also behind the contract
// test command), so undocumented routes, statuses and bodies fail the test that met them.
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { assertContract } from '../../../bridge/src/contract/validator';

export { assertContract, contractStats, documentedOperationIds, documentedOperations, findTemplate } from '../../../bridge/src/contract/validator';

/** axios client for the bridge API: never throws on HTTP status, validates every response. */
export function bridgeClient(baseURL: string, apiKey?: string): AxiosInstance {
	const client = axios.create({
		baseURL,
		validateStatus: () => true,
		headers: apiKey ? { 'X-API-Key': apiKey } : {},
	});
	client.interceptors.response.use((res: AxiosResponse) => {
		const url = new URL(res.config.url ?? '', baseURL);
		assertContract(res.config.method ?? 'get', url.pathname, res.status, String(res.headers['content-type'] ?? ''), res.data);
		return res;
	});
	return client;
}
