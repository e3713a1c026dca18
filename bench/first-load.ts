// Benchmark: a large first load of accounts into ForceManager under its rate limit (architecture §5,
// issue 4 "batching and pacing"). Runs the real ForceManager node (fake n8n context, real HTTP) against the
// simulator with its per-key limiter ON, twice in the same process:
//   baseline  one Create call per record (what a naive workflow does);
//   upsert    Create or Update by extId (batched `extId IN` lookups, bulk writes ≤ 100).
// Prints calls, 429 answers, wall time, the floor the limit sets (calls ÷ rate) and ratios against the
// baseline. Nothing here is asserted: timings belong in benchmarks, not tests.
//
//   npx tsx bench/first-load.ts [records=300] [ratePerSecond=20]
import type { IDataObject } from 'n8n-workflow';

import type { ForceManager as ForceManagerNode } from '../nodes/ForceManager/ForceManager.node';
import { DEMO_KEYS, startForceManagerSimulator, type ForceManagerSimulator } from '../sandbox/forcemanager';
import { createExecuteContext } from '../test/support/n8nContext';

// tsx resolves the extensionless "ForceManager.node" to the codex file ForceManager.node.json.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ForceManager } = require('../nodes/ForceManager/ForceManager.node.ts') as { ForceManager: typeof ForceManagerNode };

interface Counters {
	byRoute: Array<{ method: string; route: string; status: number; count: number }>;
}

async function adminJson<T>(sim: ForceManagerSimulator, path: string, method = 'GET', body?: unknown): Promise<T> {
	const res = await fetch(`${sim.origin}/__admin${path}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return (await res.json()) as T;
}

function accounts(n: number, prefix: string): Array<{ json: IDataObject }> {
	return Array.from({ length: n }, (_, i) => ({
		json: { ref: `${prefix}${String(i).padStart(5, '0')}`, name: `Bench Customer ${prefix}${i}` },
	}));
}

async function run(sim: ForceManagerSimulator, rate: number, operation: 'create' | 'upsert', n: number, clientRate = rate) {
	await adminJson(sim, '/reset', 'POST', { seed: 'demo' });
	await adminJson(sim, '/counters/reset', 'POST');
	const prefix = operation === 'create' ? 'BNC' : 'BNU';
	const items = accounts(n, prefix);
	const ctx = createExecuteContext({
		credentials: {
			forceManagerApi: {
				baseUrl: sim.baseUrl,
				publicKey: DEMO_KEYS.publicKey,
				privateKey: DEMO_KEYS.privateKey,
				requestsPerSecond: clientRate,
				sessionToken: '',
			},
		},
		items,
		continueOnFail: true,
		parameters: (i) => ({
			resource: 'account',
			operation,
			extId: items[i].json.ref,
			name: items[i].json.name,
			branchId: 1,
			salesRepId1: 1,
			fields: { name: items[i].json.name, branchId: 1, salesRepId1: 1, extId: items[i].json.ref },
			additionalFields: { extId: items[i].json.ref },
		}),
	});
	const heapBefore = process.memoryUsage().heapUsed;
	const started = process.hrtime.bigint();
	const [out] = await new ForceManager().execute.call(ctx);
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1048576;
	const counters = await adminJson<Counters>(sim, '/counters');
	const calls = counters.byRoute.filter((r) => !r.route.endsWith('/login')).reduce((s, r) => s + r.count, 0);
	const throttled = counters.byRoute.filter((r) => r.status === 429).reduce((s, r) => s + r.count, 0);
	const failed = out.filter((o) => o.json.status === 'failed' || o.json.error !== undefined).length;
	const stored = (await adminJson<IDataObject[]>(sim, '/records/accounts')).filter((a) =>
		String(a.extId ?? '').startsWith(prefix),
	).length;
	return { operation: clientRate > 0 ? operation : `${operation} (no client pacing)`, calls, throttled, ms, floorMs: (calls / rate) * 1000, heapMb, failed, stored };
}

async function main(): Promise<void> {
	const n = Number(process.argv[2] ?? 300);
	const rate = Number(process.argv[3] ?? 20);
	const sim = await startForceManagerSimulator({ rateLimitPerSecond: rate });
	try {
		const baseline = await run(sim, rate, 'create', n);
		const upsert = await run(sim, rate, 'upsert', n);
		// Without client pacing the same load leans on 429 + Retry-After instead.
		const unpaced = await run(sim, rate, 'create', Math.min(n, 100), 0);
		const rows = [baseline, upsert, unpaced].map((r) => ({
			operation: r.operation,
			records: r.operation.includes('no client') ? Math.min(n, 100) : n,
			stored: r.stored,
			failed: r.failed,
			calls: r.calls,
			'429s': r.throttled,
			'wall s': (r.ms / 1000).toFixed(1),
			'floor s': (r.floorMs / 1000).toFixed(1),
			'wall/floor': (r.ms / r.floorMs).toFixed(2),
			'heap MB': r.heapMb.toFixed(1),
		}));
		console.table(rows);
		console.log(
			`ratios upsert/baseline: calls ${(upsert.calls / baseline.calls).toFixed(3)}, wall time ${(upsert.ms / baseline.ms).toFixed(3)}, 429s ${upsert.throttled}/${baseline.throttled}`,
		);
	} finally {
		await sim.close();
	}
}

void main();
