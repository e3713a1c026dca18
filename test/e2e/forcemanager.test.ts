// ForceManager node, credential and trigger inside a real n8n 2.40.7 (nothing of n8n mocked): the
// packed package installed like a community package, a plaintext `forceManagerApi` credential
// imported and pointed at the in-process simulator (default rate limit 4/s), workflows run by
// `n8n execute` and, for the trigger, published and polled by `n8n start`.
// Findings about n8n 2.40.7 the trigger relies on (proved below): static data is saved when a poll
// emits and after a workflow is activated (so the first, priming poll's cursor is stored), but NOT
// after a scheduled poll that returns null (durable poll cursors are off by default); manual mode
// is reachable through the editor's REST run, not through `n8n execute`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import axios from 'axios';
import type { IDataObject } from 'n8n-workflow';

import {
	nodeError,
	nodeItems,
	ownerEnv,
	runError,
	type N8nInstance,
	type N8nServer,
	type N8nWorkflow,
} from '../../sandbox/n8n';
import {
	DEMO_KEYS,
	DEMO_USERS,
	startForceManagerSimulator,
	type ForceManagerSimulator,
} from '../../sandbox/forcemanager';
import { forceManagerAdminClient, type RouteCounters } from '../../sandbox/forcemanager/adminClient';
import { loadWorkflow, setupN8nSuite } from '../support/e2e';

// jest ignores `testTimeout` inside a `projects` entry, so the suite sets its own.
jest.setTimeout(600_000);

const fixtures = path.join(__dirname, 'fixtures', 'forcemanager');
const CREDENTIAL = { id: 'fmE2eCred', name: 'ForceManager (simulator)' };
const UPSERT = 'fmE2eUpsertAccounts';
const UPSERT_STRICT = 'fmE2eUpsertStrict';
const GET_MANY = 'fmE2eGetManyAccounts';
/** Trigger → product per change, echo filter on the integration's API user. */
const TRIGGER = 'fmE2eTriggerEchoOff';
/** Same trigger without the echo filter: the control that shows what the filter suppresses. */
const TRIGGER_ALL = 'fmE2eTriggerAll';
/** Same trigger behind an Additional Filter nothing matches until the restart test: it never emits before. */
const TRIGGER_QUIET = 'fmE2eTriggerQuiet';
const QUIET_CITY = 'Lindisfarne';
const TRIGGER_NODE = 'ForceManager Trigger';
const INTEGRATION_USER = DEMO_KEYS.userId;
/** n8n's owner account, so the editor's REST API (manual runs) can be used. */
const OWNER = { email: 'owner@sfm-e2e.local', password: 'E2e-Owner-2026' };

type Counters = RouteCounters;

/** The simulator's admin API (no session; edits are stamped with the UI user). */
function simAdmin(sim: ForceManagerSimulator) {
	return forceManagerAdminClient(sim.origin);
}

function count(counters: Counters, method: string, route: string, status?: number): number {
	return counters.byRoute
		.filter((r) => r.method === method && r.route === route && (status === undefined || r.status === status))
		.reduce((n, r) => n + r.count, 0);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The key is shared with n8n, so its rate limit is too: wait out a 429 as the node would. */
async function withRateLimit<T>(call: () => Promise<T>): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await call();
		} catch (error) {
			const response = (error as { response?: { status?: number; headers?: Record<string, string> } }).response;
			if (response?.status !== 429 || attempt >= 10) throw error;
			await sleep(1000 * Number(response.headers?.['retry-after'] ?? 1));
		}
	}
}

/** A write made through the public API with the integration's own key pair (what the sync does). */
async function apiUpdateAsIntegration(sim: ForceManagerSimulator, entity: string, id: number, body: IDataObject) {
	const login = await withRateLimit(() =>
		axios.post(`${sim.baseUrl}/login`, { username: DEMO_KEYS.publicKey, password: DEMO_KEYS.privateKey }),
	);
	const headers = { 'X-Session-Key': login.data.token };
	await withRateLimit(() => axios.put(`${sim.baseUrl}/${entity}/${id}`, body, { headers }));
}

async function waitUntil<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(500);
	}
}

function triggerWorkflow(id: string, prefix: string, nodeSuffix: string, options: IDataObject): N8nWorkflow {
	return loadWorkflow(path.join(fixtures, 'trigger-accounts.json'), {
		ID: id,
		PREFIX: prefix,
		NODE_SUFFIX: nodeSuffix,
		OPTIONS: JSON.stringify(options),
	});
}

/** The upsert workflow with "Continue on Fail" off: the node must fail the run, naming the bad record. */
function strictUpsertWorkflow(): N8nWorkflow {
	const wf = loadWorkflow(path.join(fixtures, 'upsert-accounts.json'));
	wf.id = UPSERT_STRICT;
	wf.name = `${wf.name} (no continue on fail)`;
	wf.nodes = wf.nodes.map((node) => {
		const { onError: _onError, ...rest } = node;
		return { ...rest, id: String(node.id).replace('-0001-', '-0004-') };
	});
	return wf;
}

type Cursor = { highWater: string | null; seen: Record<string, string>; scope?: string };
function storedCursor(instance: N8nInstance, workflowId: string): Cursor | undefined {
	const data = instance.staticData(workflowId) as Record<string, { cursor?: Cursor }> | null;
	return data?.[`node:${TRIGGER_NODE}`]?.cursor;
}

describe('ForceManager in a real n8n 2.40.7', () => {
	let sim: ForceManagerSimulator;
	let fm: ReturnType<typeof simAdmin>;
	let instance: N8nInstance;
	let server: N8nServer | undefined;

	beforeAll(async () => {
		sim = await startForceManagerSimulator(); // default rate limit: 4 requests/second per key
		fm = simAdmin(sim);
		({ instance } = await setupN8nSuite({
			name: 'forcemanager',
			credentials: [
				{
					...CREDENTIAL,
					type: 'forceManagerApi',
					data: {
						baseUrl: sim.baseUrl,
						publicKey: DEMO_KEYS.publicKey,
						privateKey: DEMO_KEYS.privateKey,
						requestsPerSecond: 4,
					},
				},
			],
			workflows: [
				loadWorkflow(path.join(fixtures, 'upsert-accounts.json')),
				strictUpsertWorkflow(),
				loadWorkflow(path.join(fixtures, 'get-many-accounts.json')),
				triggerWorkflow(TRIGGER, 'ECHOOFF', 'a0000000000', { ignoreUsers: [INTEGRATION_USER] }),
				triggerWorkflow(TRIGGER_ALL, 'ALL', 'b0000000000', {}),
				triggerWorkflow(TRIGGER_QUIET, 'QUIET', 'c0000000000', { where: `city = '${QUIET_CITY}'` }),
			],
			publish: [TRIGGER, TRIGGER_ALL, TRIGGER_QUIET],
		}));
	});

	afterAll(async () => {
		await server?.stop();
		await instance?.dispose();
		await sim?.close();
	});

	describe('ForceManager node through `n8n execute`', () => {
		beforeAll(async () => {
			await fm.reset('demo');
			await fm.resetCounters();
		});

		test('A2: upsert by extId: created / updated / unchanged / failed per item, one lookup, one bulk call per kind', async () => {
			const result = await instance.execute(UPSERT);
			expect(runError(result.run)).toBeUndefined();
			expect(result.ok).toBe(true);
			const out = nodeItems(result.run, 'Upsert Accounts');
			expect(out.map((o) => [o.key, o.status])).toEqual([
				['BRI001', 'unchanged'],
				['CAM001', 'updated'],
				['NEW100', 'created'],
				['NEW101', 'created'],
				['BAD001', 'failed'],
			]);
			expect(out[0].id).toBe(1);
			expect(out[1]).toMatchObject({ id: 2, changedFields: ['city'] });
			expect(out[4].reason).toMatch(/BAD001.*branchId/);

			const accounts = await fm.records('accounts');
			const byExtId = (extId: string) => accounts.filter((a) => a.extId === extId);
			expect(byExtId('CAM001')).toEqual([expect.objectContaining({ id: 2, city: 'Ely' })]);
			expect(byExtId('NEW100')).toEqual([
				expect.objectContaining({ id: out[2].id, name: 'Northwind Stationers', city: 'York', salesRepIdCreated: INTEGRATION_USER }),
			]);
			expect(byExtId('NEW101')).toEqual([expect.objectContaining({ id: out[3].id, name: "O'Neill's Hardware" })]);
			expect(byExtId('BAD001')).toEqual([]);
			expect(byExtId('BRI001')[0].dateUpdated).toBeNull(); // untouched

			const counters = await fm.counters();
			expect(count(counters, 'POST', '/api/v4/login', 200)).toBe(1); // the credential logged in once
			expect(count(counters, 'GET', '/api/v4/accounts')).toBe(1); // one extId IN (...) lookup
			expect(count(counters, 'POST', '/api/v4/accounts/bulk', 200)).toBe(1);
			expect(count(counters, 'PUT', '/api/v4/accounts/bulk', 200)).toBe(1);
			expect(counters.writes).toBe(2); // no per-record writes
		});

		test('A2: an identical second run writes nothing (idempotency invariant); the session token was kept by n8n', async () => {
			await fm.resetCounters();
			const result = await instance.execute(UPSERT);
			expect(result.ok).toBe(true);
			expect(nodeItems(result.run, 'Upsert Accounts').map((o) => o.status)).toEqual([
				'unchanged',
				'unchanged',
				'unchanged',
				'unchanged',
				'failed',
			]);
			const counters = await fm.counters();
			expect(counters.writes).toBe(0);
			expect(count(counters, 'GET', '/api/v4/accounts', 200)).toBe(1);
			// n8n stored the session token from the first run's preAuthentication in the credential.
			expect(count(counters, 'POST', '/api/v4/login')).toBe(0);
		});

		test('without Continue on Fail the run fails, naming the bad record, after the good ones were handled', async () => {
			await fm.resetCounters();
			const result = await instance.execute(UPSERT_STRICT);
			expect(result.ok).toBe(false);
			const error = nodeError(result.run, 'Upsert Accounts');
			expect(error?.message).toMatch(/1 of 5 account upserts failed/);
			expect(error?.message).toMatch(/BAD001.*branchId/);
			expect((await fm.counters()).writes).toBe(0); // the other four were already up to date
		});

		test('Get Many: returnAll pages past 50 and a where value with a quote is escaped', async () => {
			const seeded = (city: string, n: number, extra: IDataObject = {}) =>
				Array.from({ length: n }, (_, i) => ({
					name: `${city} Trader ${i + 1}`,
					city,
					branchId: 1,
					salesRepId1: 3,
					...extra,
				}));
			const { ids } = await fm.seed({
				accounts: [
					...seeded("King's Lynn", 73),
					...seeded('Kings Lynn', 20), // no apostrophe: must not match
					...seeded("King's Lynn", 2, { deleted: true, dateDeleted: '2025-03-01T10:00:00Z' }),
				],
			});
			const wanted = ids.accounts.slice(0, 73);
			await fm.resetCounters();

			const result = await instance.execute(GET_MANY);
			expect(runError(result.run)).toBeUndefined();
			const out = nodeItems(result.run, "Accounts In King's Lynn");
			expect(out.map((a) => a.id).sort((a, b) => Number(a) - Number(b))).toEqual(wanted);
			expect(out.every((a) => a.city === "King's Lynn" && a.deleted === false)).toBe(true);

			const counters = await fm.counters();
			expect(count(counters, 'GET', '/api/v4/accounts', 200)).toBe(2); // 50 + 23
			expect(count(counters, 'GET', '/api/v4/accounts', 400)).toBe(0); // the quote did not break the where
		});

		test('session expiry between runs: n8n re-logs in through preAuthentication after a 401 and the run succeeds', async () => {
			await fm.expireSessions();
			await fm.resetCounters();
			const result = await instance.execute(GET_MANY);
			expect(runError(result.run)).toBeUndefined();
			expect(result.ok).toBe(true);
			expect(nodeItems(result.run, "Accounts In King's Lynn")).toHaveLength(73);
			const counters = await fm.counters();
			expect(count(counters, 'GET', '/api/v4/accounts', 401)).toBe(1); // the stored token was refused once
			expect(count(counters, 'POST', '/api/v4/login', 200)).toBe(1); // one new login
			expect(count(counters, 'GET', '/api/v4/accounts', 200)).toBe(2);
		});
	});
	test('manual mode cannot be reached through `n8n execute`: it needs a Manual Trigger start node and runs in "cli" mode', async () => {
		await fm.resetCounters();
		const { code, logFile } = await instance.cli(['execute', `--id=${TRIGGER_ALL}`, '--rawOutput'], {
			allowFailure: true,
			captureStdout: true,
		});
		expect(code).not.toBe(0);
		expect(fs.readFileSync(logFile, 'utf8')).toContain('Missing node to start execution');
		expect((await fm.counters()).total).toBe(0); // the trigger's poll() was never called
	});

	describe('ForceManager Trigger published and polled by `n8n start`', () => {
		const listCalls = async () => count(await fm.counters(), 'GET', '/api/v4/accounts', 200);
		/** Each poll of each of the three trigger workflows is one list call (every answer is < 1 page). */
		const waitForPolls = async (after: number, polls = 3) =>
			await waitUntil(`${polls} more trigger polls`, async () => ((await listCalls()) >= after + polls ? true : undefined), 100_000);
		/**
		 * The cron polls at second 0 of each minute; changes made between seconds 5 and 45 are certainly
		 * read by the next poll, not half by one and half by the next.
		 */
		const quietMoment = async () => {
			const second = (Date.now() % 60_000) / 1000;
			if (second < 5 || second > 45) await sleep(((65 - second) % 60) * 1000);
		};
		const products = async (prefix: string) =>
			(await fm.records('products'))
				.filter((p) => String(p.extId ?? '').startsWith(`${prefix}-`))
				.map((p) => String(p.extId))
				.sort();
		const triggerItems = (executionId: string) =>
			(instance.execution(executionId)?.run?.resultData.runData[TRIGGER_NODE]?.[0]?.data?.main[0] ?? []).map(
				(i) => i.json,
			);

		let created: number;
		let cursorAfterFirstEmit: Cursor | undefined;

		beforeAll(async () => {
			await fm.reset('demo'); // known data, counters zero, the stored session token now invalid
			server = await instance.start({ env: ownerEnv(instance.runtime, OWNER.email, OWNER.password) });
			// Activation polls once per workflow at once ("start from now": primes the cursor, emits nothing).
			await waitForPolls(0);
		});

		test('C1: UI create, update and soft delete each reach the downstream node exactly once; the echo filter drops the API user’s own change', async () => {
			await quietMoment();
			const before = await listCalls();
			// A few ms apart so each change has its own timestamp (the manual-mode sample picks the newest).
			created = (await fm.uiCreate('accounts', { name: 'Harbour Lights Cafe', branchId: 1, salesRepId1: 3, city: 'Whitby' })).id;
			await sleep(20);
			await fm.uiUpdate('accounts', 4, { city: 'Shrewsbury' });
			await sleep(20);
			await fm.uiDelete('accounts', 2);
			await sleep(20);
			await apiUpdateAsIntegration(sim, 'accounts', 1, { phone: '0117 496 0099' }); // the sync's own write
			await waitForPolls(before);

			const [echoOff] = await instance.waitForExecutions(TRIGGER, 1);
			const [all] = await instance.waitForExecutions(TRIGGER_ALL, 1);
			expect([echoOff.mode, echoOff.status, all.mode, all.status]).toEqual(['trigger', 'success', 'trigger', 'success']);
			const summary = (items: IDataObject[]) =>
				items.map((i) => [i.event, i.id, i.changedBy]).sort((a, b) => Number(a[1]) - Number(b[1]));
			expect(summary(triggerItems(echoOff.id))).toEqual([
				['deleted', 2, DEMO_USERS.admin],
				['updated', 4, DEMO_USERS.admin],
				['created', created, DEMO_USERS.admin],
			]);
			expect(summary(triggerItems(all.id))).toEqual([
				['updated', 1, INTEGRATION_USER],
				['deleted', 2, DEMO_USERS.admin],
				['updated', 4, DEMO_USERS.admin],
				['created', created, DEMO_USERS.admin],
			]);

			// The downstream ForceManager node wrote one product per emitted change.
			expect(await products('ECHOOFF')).toEqual(
				['ECHOOFF-created-' + created, 'ECHOOFF-deleted-2', 'ECHOOFF-updated-4'].sort(),
			);
			expect(await products('ALL')).toEqual(
				['ALL-created-' + created, 'ALL-deleted-2', 'ALL-updated-1', 'ALL-updated-4'].sort(),
			);
			cursorAfterFirstEmit = storedCursor(instance, TRIGGER);
			expect(Object.keys(cursorAfterFirstEmit?.seen ?? {}).sort()).toEqual(['1', '2', '4', String(created)].sort());
		});

		test('the next poll repeats nothing; n8n does NOT persist the static data of a scheduled poll that returns null', async () => {
			await quietMoment();
			const before = await listCalls();
			await apiUpdateAsIntegration(sim, 'accounts', 1, { phone: '0117 496 0100' }); // only an echo this time
			const echoAt = String((await fm.record('accounts', 1)).dateUpdated);
			await waitForPolls(before);
			await instance.waitForExecutions(TRIGGER_ALL, 2);

			// Both workflows polled; the echo-filtered one emitted nothing, so no execution ...
			expect(instance.executions(TRIGGER)).toHaveLength(1);
			expect(await products('ECHOOFF')).toHaveLength(3);
			// ... and the control workflow reported only the new change, none of the earlier ones again.
			expect(await products('ALL')).toEqual(
				['ALL-created-' + created, 'ALL-deleted-2', 'ALL-updated-1', 'ALL-updated-1', 'ALL-updated-4'].sort(),
			);

			// The null poll read the echo (its cursor in memory moved past it), but the database still
			// holds the cursor saved when the previous poll emitted: n8n saves static data on emit only.
			const stored = storedCursor(instance, TRIGGER);
			expect(stored).toEqual(cursorAfterFirstEmit);
			expect(Date.parse(String(stored?.highWater))).toBeLessThan(Date.parse(echoAt));
			// The activation poll is different: n8n saves static data after activating a workflow, so the
			// cursor primed by the quiet workflow's first (null) poll is stored although it never emitted.
			expect(instance.executions(TRIGGER_QUIET)).toHaveLength(0);
			expect(storedCursor(instance, TRIGGER_QUIET)).toMatchObject({ scope: `accounts|city = '${QUIET_CITY}'` });
			// The control workflow emitted, so its cursor was saved past the same change.
			expect(Date.parse(String(storedCursor(instance, TRIGGER_ALL)?.highWater))).toBeGreaterThanOrEqual(Date.parse(echoAt));
		});

		let createdWhileDown: number;

		test('a change made while n8n is down is reported after the restart, exactly once, from the stored cursors', async () => {
			await server!.stop();
			createdWhileDown = (await fm.uiCreate('accounts', { name: 'Holy Island Mead', branchId: 1, salesRepId1: 4, city: QUIET_CITY })).id;
			const before = await listCalls();
			server = await instance.start({ env: ownerEnv(instance.runtime, OWNER.email, OWNER.password) });
			await waitForPolls(before); // the activation polls
			const echoOff = await instance.waitForExecutions(TRIGGER, 2);
			const all = await instance.waitForExecutions(TRIGGER_ALL, 3);
			// The quiet workflow never emitted: it starts from the cursor saved at its first activation.
			const quiet = await instance.waitForExecutions(TRIGGER_QUIET, 1);
			// Each stored cursor's window is read again: only the new record comes out, nothing repeats.
			for (const execution of [echoOff[1], all[2], quiet[0]]) {
				expect(triggerItems(execution.id).map((i) => [i.event, i.id])).toEqual([['created', createdWhileDown]]);
			}
			expect(await products('ECHOOFF')).toHaveLength(4);
			expect(await products('ALL')).toHaveLength(6);
			expect(await products('QUIET')).toEqual([`QUIET-created-${createdWhileDown}`]);
		});

		test('manual mode ("Fetch Test Event" in the editor, REST run of the trigger): the newest change the settings would emit, cursor untouched', async () => {
			await quietMoment(); // no cron poll in between
			await sleep(20);
			// The newest change is the sync's own, which the echo filter must skip for the sample too.
			await apiUpdateAsIntegration(sim, 'accounts', 1, { phone: '0117 496 0101' });
			const cursorBefore = instance.staticData(TRIGGER);
			const productsBefore = (await fm.records('products')).length;
			const rest = axios.create({ baseURL: `${server!.url}/rest`, headers: { 'browser-id': 'sfm-e2e' } });
			const login = await rest.post('/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password });
			const cookie = (login.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
			const run = await rest.post(
				`/workflows/${TRIGGER}/run`,
				{
					triggerToStartFrom: { name: TRIGGER_NODE },
					destinationNode: { nodeName: TRIGGER_NODE, mode: 'inclusive' },
				},
				{ headers: { cookie } },
			);
			const executionId = String(run.data.data.executionId);
			const execution = await waitUntil('the manual execution', async () => {
				const e = instance.execution(executionId);
				return e && e.finished ? e : undefined;
			});
			expect([execution.mode, execution.status]).toEqual(['manual', 'success']);
			// The newest change the settings would emit: the record created while n8n was down.
			expect(triggerItems(executionId).map((i) => [i.event, i.id, i.changedBy])).toEqual([
				['created', createdWhileDown, DEMO_USERS.admin],
			]);
			expect(instance.staticData(TRIGGER)).toEqual(cursorBefore);
			expect((await fm.records('products')).length).toBe(productsBefore); // only the trigger ran
		});
	});
});
