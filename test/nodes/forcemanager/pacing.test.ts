// Issue 4 "batching and pacing": a large first load through the mapped upsert with the simulator's
// per-key rate limit ON. Client pacing (the credential's requests per second) must keep every call
// under the limit: no 429 answer at all, every record created, ⌈n/100⌉ bulk writes. Counts only;
// how close to the floor the load runs is measured in bench/first-load.ts, not asserted here.
import { DEMO_KEYS, startForceManagerSimulator, type ForceManagerSimulator } from '../../../sandbox/forcemanager';
import { admin, count, json, runNode } from './helpers';
import { mapped, upsertParams } from './mapped-support';

const LIMIT = 8; // requests per second the simulator allows this key

let sim: ForceManagerSimulator;
let fm: ReturnType<typeof admin>;

beforeAll(async () => {
	sim = await startForceManagerSimulator({ rateLimitPerSecond: LIMIT });
	fm = admin(sim);
	await fm.reset('demo');
	await fm.resetCounters();
});
afterAll(async () => sim.close());

test('A1 first load of 450 Sage customers and 230 products at the rate limit: no 429, all created, ⌈n/100⌉ bulk writes each', async () => {
	const paced = {
		credentials: {
			forceManagerApi: {
				baseUrl: sim.baseUrl,
				publicKey: DEMO_KEYS.publicKey,
				privateKey: DEMO_KEYS.privateKey,
				requestsPerSecond: LIMIT,
				sessionToken: '',
			},
		},
	};
	const accounts = Array.from({ length: 450 }, (_, i) =>
		mapped('account', `LOAD${String(i).padStart(4, '0')}`, { name: `Load Customer ${i}`, readOnly: true }, {
			createOnly: { branchId: 1 },
			fillIfEmpty: { salesRepId1: 1 },
		}),
	);
	const products = Array.from({ length: 230 }, (_, i) =>
		mapped('product', `STK${String(i).padStart(4, '0')}`, { model: `Stock item ${i}`, price: 1 + i, stock: null, readOnly: true }),
	);
	const a = json((await runNode(sim, upsertParams('account'), { ...paced, items: accounts })).output);
	const p = json((await runNode(sim, upsertParams('product'), { ...paced, items: products })).output);
	expect(a.filter((r) => r.status === 'created')).toHaveLength(450);
	expect(p.filter((r) => r.status === 'created')).toHaveLength(230);

	const c = await fm.counters();
	const throttled = c.byRoute.filter((r) => r.status === 429).reduce((n, r) => n + r.count, 0);
	expect(throttled).toBe(0);
	expect(count(c, 'POST', '/api/v4/accounts/bulk')).toBe(5);
	expect(count(c, 'POST', '/api/v4/products/bulk')).toBe(3);
	expect(count(c, 'POST', '/api/v4/accounts')).toBe(0);
	expect(count(c, 'GET', '/api/v4/accounts')).toBeLessThanOrEqual(5);
});
