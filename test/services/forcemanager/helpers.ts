// Shared set-up for the simulator's service tests: an in-process simulator on an ephemeral port, real HTTP.
import axios, { type AxiosInstance } from 'axios';
import { DEMO_KEYS, type ForceManagerSimulator, type ForceManagerSimulatorOptions, startForceManagerSimulator } from '../../../sandbox/forcemanager';

export interface Harness {
	sim: ForceManagerSimulator;
	/** Raw client on the API base URL; never throws on HTTP status. */
	http: AxiosInstance;
	/** Admin client on the origin. */
	admin: AxiosInstance;
	/** Logs in with DEMO_KEYS and returns a client that sends X-Session-Key. */
	login(keys?: { publicKey: string; privateKey: string }): Promise<AxiosInstance>;
}

export async function startHarness(options: ForceManagerSimulatorOptions = {}): Promise<Harness> {
	// Rate limiting is off unless a test asks for it, so unrelated tests are not paced.
	const sim = await startForceManagerSimulator({ rateLimitPerSecond: 0, ...options });
	const http = axios.create({ baseURL: sim.baseUrl, validateStatus: () => true, proxy: false });
	const admin = axios.create({ baseURL: `${sim.origin}/__admin`, validateStatus: () => true, proxy: false });
	const login = async (keys: { publicKey: string; privateKey: string } = DEMO_KEYS): Promise<AxiosInstance> => {
		const res = await http.post('/login', { username: keys.publicKey, password: keys.privateKey });
		if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.data)}`);
		return axios.create({
			baseURL: sim.baseUrl,
			validateStatus: () => true,
			proxy: false,
			headers: { 'X-Session-Key': res.data.token },
		});
	};
	return { sim, http, admin, login };
}

export const ids = (rows: Array<{ id: number }>): number[] => rows.map((r) => r.id);

/** `where` probes through a logged-in client (a getter: it is made in beforeAll): the ids that match, or how it is refused. */
export function whereProbe(api: () => AxiosInstance) {
	return {
		find: async (where: string, path = '/accounts'): Promise<number[]> => {
			const res = await api().get(path, { params: { where, count: 500 } });
			if (res.status !== 200) throw new Error(`${where}: ${res.status} ${JSON.stringify(res.data)}`);
			return ids(res.data).sort((a, b) => a - b);
		},
		status: async (where: string): Promise<{ status: number; code: unknown }> => {
			const res = await api().get('/accounts', { params: { where } });
			return { status: res.status, code: res.data.code };
		},
	};
}
