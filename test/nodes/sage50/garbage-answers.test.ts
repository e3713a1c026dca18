// A bridge that answers garbage (issue point 11), over real HTTP against the bridge's garbage faults: a
// reverse proxy's HTML page, a cut or empty 200, a crash text, a huge cut-off body. A read, an upsert
// batch and a trigger poll recover from a transient one (writes are retried under the same
// Idempotency-Key, so they happen once) or fail with a message naming the record and the request; a
// write whose answer is garbage is never reported as done.
import type { IDataObject } from 'n8n-workflow';

import type { RunningBridge } from '../../../bridge/src';
import { Sage50UkiApi } from '../../../credentials/Sage50UkiApi.credentials';
import { Sage50UkiTrigger } from '../../../nodes/Sage50UkiTrigger/Sage50UkiTrigger.node';
import { bridgeAdminHttp } from '../../support/bridgeAdmin';
import { createPollContext } from '../../support/n8nContext';
import { failure } from '../../support/failure';
import { admin, count, credentials, items, run, start } from './helpers';

let bridge: RunningBridge;
let sage: ReturnType<typeof admin>;
beforeAll(async () => {
	bridge = await start();
	sage = admin(bridge);
});
afterAll(async () => await bridge.close());
beforeEach(async () => await sage.reset());

/** One retry (1 s) keeps the persistent cases short. */
const creds = { maxRetries: 1 };

const MODES: Array<[mode: string, status: number, said: string, extra?: IDataObject]> = [
	['htmlError', 502, 'an HTML page \\("502 - Web server received an invalid response while acting as a gateway or proxy…"\\) of \\d+ bytes'],
	['truncatedJson', 200, 'JSON cut off after \\d+ bytes'],
	['nonJson500', 500, 'text \\("Internal Server Error: the bridge host process crashed \\(0xC0000005\\)"\\)'],
	['emptyBody', 200, 'an empty body'],
	['hugePayload', 200, 'JSON cut off after 2\\.0 MB', { sizeBytes: 2 * 2 ** 20 }],
];

const rows = [
	{ accountRef: 'GRB001', fields: { NAME: 'Garbage One Ltd' } },
	{ accountRef: 'GRB002', fields: { NAME: 'Garbage Two Ltd' } },
	{ accountRef: 'ABS001', fields: { TELEPHONE: '01656 111 111' } },
];
const upsert = (i: number) => ({ resource: 'customer', operation: 'upsert', accountRef: rows[i].accountRef, inputMode: 'fields', fields: rows[i].fields });
const clearFaults = async () => await bridgeAdminHttp(bridge).delete('/faults');
const refs = async () => (await sage.table('SALES_LEDGER')).map((r) => String(r.ACCOUNT_REF)).filter((r) => r.startsWith('GRB')).sort();

function poller(state: IDataObject) {
	const ctx = createPollContext({
		parameters: { entity: 'customers', events: ['created', 'updated', 'deleted'], options: {} },
		mode: 'trigger',
		staticData: { node: state },
		credentials: credentials(bridge, creds),
		credentialTypes: [new Sage50UkiApi()],
		node: { name: 'Sage 50 UKI Trigger', type: 'n8n-nodes-sage50-forcemanager.sage50UkiTrigger' },
	});
	return async () => await new Sage50UkiTrigger().poll.call(ctx);
}

describe.each(MODES)('%s', (mode, status, said, extra = {}) => {
	test('a read fails after the retries naming the record and the request; a single one is retried away', async () => {
		await sage.fault({ mode, count: 5, method: 'GET', route: '/customers/{accountRef}', ...extra });
		const error = await failure(run(bridge, { resource: 'customer', operation: 'get', accountRef: 'ABS001' }, undefined, { creds }));
		expect(error.message).toMatch(new RegExp(`^Customer "ABS001": the Sage 50 bridge answered GET /customers/ABS001 with HTTP ${status} and ${said} instead of JSON$`));
		expect(error.description).toMatch(/Still failing after 1 retries/);
		expect(count(await sage.counters(), 'GET', '/customers/{accountRef}')).toBe(2);

		await clearFaults();
		await sage.fault({ mode, count: 1, method: 'GET', route: '/customers/{accountRef}', ...extra });
		const read = await run(bridge, { resource: 'customer', operation: 'get', accountRef: 'ABS001' }, undefined, { creds });
		expect(read.json[0].ACCOUNT_REF).toBe('ABS001');
	});

	test('an upsert batch retries it under the same Idempotency-Key: each record is created once', async () => {
		// GRB001's first attempt is refused by the proxy, its second carried out but answered with garbage.
		await sage.fault({ mode, count: 1, method: 'POST', route: '/customers', ...extra });
		await sage.fault({ mode, count: 1, method: 'POST', route: '/customers', processed: true, ...extra });
		const out = await run(bridge, upsert, items(3), { creds: { maxRetries: 2 } });
		expect(out.json.map((r) => r.status)).toEqual(['created', 'created', 'updated']);
		expect(await refs()).toEqual(['GRB001', 'GRB002']);
		expect(count(await sage.counters(), 'POST', '/customers')).toBe(4); // two garbage answers, one of them after the write
	});

	test('an upsert batch that keeps getting it reports no record as written; the next run converges without duplicates', async () => {
		await sage.fault({ mode, count: 10, method: 'POST', route: '/customers', processed: true, ...extra });
		const out = await run(bridge, upsert, items(3), { creds, continueOnFail: true });
		expect(out.json.map((r) => r.status)).toEqual(['failed', 'failed', 'updated']);
		const answered = mode === 'truncatedJson' ? 201 : status; // a processed, cut answer keeps the bridge's status
		expect(String(out.json[0].reason)).toMatch(new RegExp(`^Customer "GRB001": the Sage 50 bridge answered POST /customers with HTTP ${answered} and ${said} instead of JSON$`));
		expect(await refs()).toEqual(['GRB001', 'GRB002']); // carried out all the same (processed)
		await clearFaults();
		const again = await run(bridge, upsert, items(3), { creds });
		expect(again.json.map((r) => r.status)).toEqual(['unchanged', 'unchanged', 'unchanged']);
		expect(await refs()).toEqual(['GRB001', 'GRB002']);
	});

	test('a trigger poll recovers from a single one, and fails clearly on a persistent one without losing the change', async () => {
		const state: IDataObject = {};
		const poll = poller(state);
		expect(await poll()).toBeNull(); // first run from now
		await sage.post('/customers', { ACCOUNT_REF: 'TRG001', NAME: 'Trigger Ltd' });
		await sage.fault({ mode, count: 1, method: 'POST', route: '/deliveries/{consumer}/lease', ...extra });
		expect((await poll())?.[0].map((i) => `${i.json.event}:${i.json.key}`)).toEqual(['created:TRG001']);

		await sage.post('/customers', { ACCOUNT_REF: 'TRG002', NAME: 'Trigger Two Ltd' });
		await sage.fault({ mode, count: 2, method: 'POST', route: '/deliveries/{consumer}/lease', ...extra });
		await expect(poll()).rejects.toThrow(new RegExp(`^Delivery lease "n8n:[^"]+:customers": the Sage 50 bridge answered POST /deliveries/\\S+/lease with HTTP ${status} and ${said}`));
		expect((await poll())?.[0].map((i) => `${i.json.event}:${i.json.key}`)).toEqual(['created:TRG002']);
	});
});

// Answers that never reached the bridge: two modes suffice (2 s each).
describe.each(MODES.filter(([mode]) => mode === 'htmlError' || mode === 'emptyBody'))('%s', (mode, ...[, , extra = {}]) => {
	test('without Continue On Fail the batch fails naming the records, and nothing was written', async () => {
		await sage.fault({ mode, count: 10, method: 'POST', route: '/customers', ...extra });
		const error = await failure(run(bridge, upsert, items(3), { creds }));
		expect(error.message).toMatch(/^2 of 3 customer upserts failed: Customer "GRB001": the Sage 50 bridge answered POST \/customers/);
		expect(await refs()).toEqual([]);
	});
});
