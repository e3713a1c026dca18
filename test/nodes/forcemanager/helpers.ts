// Shared set-up for ForceManager node tests: a simulator on an ephemeral port, the node run in a
// fake n8n context doing real HTTP, the simulator's admin API, and request-body contract checks.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { ForceManager } from '../../../nodes/ForceManager/ForceManager.node';
import {
	DEMO_KEYS,
	type ForceManagerSimulator,
	startForceManagerSimulator,
} from '../../../sandbox/forcemanager';
import { forceManagerAdminClient } from '../../../sandbox/forcemanager/adminClient';
import { createExecuteContext, type FakeContextOptions } from '../../support/n8nContext';
import { validateRequestBody } from '../../support/swagger';

export async function startSim(): Promise<ForceManagerSimulator> {
	// The simulator's own limiter is off; 429 behaviour is driven by admin faults per test.
	return await startForceManagerSimulator({ rateLimitPerSecond: 0 });
}

export function admin(sim: ForceManagerSimulator) {
	return forceManagerAdminClient(sim.origin);
}

export function count(
	counters: { byRoute: Array<{ method: string; route: string; status: number; count: number }> },
	method: string,
	route: string,
	status?: number,
): number {
	return counters.byRoute
		.filter((r) => r.method === method && r.route === route && (status === undefined || r.status === status))
		.reduce((n, r) => n + r.count, 0);
}

export function credentials(sim: ForceManagerSimulator, extra: IDataObject = {}) {
	return {
		forceManagerApi: {
			baseUrl: sim.baseUrl,
			publicKey: DEMO_KEYS.publicKey,
			privateKey: DEMO_KEYS.privateKey,
			requestsPerSecond: 0,
			sessionToken: '',
			...extra,
		},
	};
}

export async function runNode(
	sim: ForceManagerSimulator,
	parameters: FakeContextOptions['parameters'],
	options: Partial<FakeContextOptions> = {},
): Promise<{ output: INodeExecutionData[]; ctx: ReturnType<typeof createExecuteContext> }> {
	const ctx = createExecuteContext({ credentials: credentials(sim), parameters, ...options });
	const node = new ForceManager();
	const [output] = await node.execute.call(ctx);
	assertRequestsMatchSwagger(ctx.fake.requests, sim.baseUrl);
	return { output, ctx };
}

const SWAGGER_MODELS: Record<string, string> = {
	'/accounts': '/accounts',
	'/contacts': '/contacts',
	'/salesorders': '/salesorders',
	'/salesordersLines': '/salesordersLines',
};

/**
 * Every body the node sent to a resource the swagger describes must validate against its request
 * model (bulk items: each `data` against the single-record model). /products and /sales are not
 * in the swagger (notes §7.4, §7.9), so there is no model to check them against.
 */
export function assertRequestsMatchSwagger(
	requests: Array<{ method: string; url: string; body?: unknown }>,
	baseUrl: string,
): void {
	for (const r of requests) {
		if (r.method !== 'POST' && r.method !== 'PUT') continue;
		const path = r.url.slice(baseUrl.length);
		const m = /^(\/[A-Za-z]+)(\/(\d+|bulk))?$/.exec(path);
		if (!m || !SWAGGER_MODELS[m[1]]) continue;
		const base = SWAGGER_MODELS[m[1]];
		const template = m[3] === undefined ? base : r.method === 'POST' ? base : `${base}/{id}`;
		const bodies =
			m[3] === 'bulk'
				? (r.body as Array<{ data: unknown }>).map((i) => ({ body: i.data, template: r.method === 'POST' ? base : `${base}/{id}` }))
				: [{ body: r.body, template }];
		for (const b of bodies) {
			const result = validateRequestBody(r.method, b.template, b.body);
			if (!result.valid) {
				throw new Error(`${r.method} ${path} body does not match the swagger: ${result.errors.join('; ')}`);
			}
		}
	}
}

export const json = (output: INodeExecutionData[]) => output.map((o) => o.json);
