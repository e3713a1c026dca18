// Creates in data mode "Define Below" are keyed by where they run (workflow, execution, node, run,
// item), not by their payload: a genuine repeat order (same lines, another execution) is a second
// Sage order, while retries of one execution replay (README "Idempotency"). Real HTTP against the
// bridge; the fake context plays n8n's execution id and execution custom data.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { WRITES_EXECUTION } from '../../../nodes/Sage50Uki/actions/common/write';
import { count, items, run as runNode, type Params, useBridge } from './helpers';

// The admin reset also clears counters and faults.
const suite = useBridge();
const sage = () => suite.sage;
const run = (parameters: Params | ((i: number) => Params), input?: INodeExecutionData[], extra?: Parameters<typeof runNode>[3]) =>
	runNode(suite.bridge, parameters, input, extra);

const ORDER = {
	resource: 'salesOrder',
	operation: 'create',
	accountRef: 'ABS001',
	lines: { line: [{ STOCK_CODE: 'PAPER001', QTY_ORDER: 2, UNIT_PRICE: '' }] },
	inputMode: 'fields',
	fields: { CUST_ORDER_NUMBER: 'PO-MONTHLY' },
};

const orders = async (po = 'PO-MONTHLY') => (await sage().table('SALES_ORDER')).filter((o) => o.CUST_ORDER_NUMBER === po);
const keysSent = (out: Awaited<ReturnType<typeof run>>) =>
	out.ctx.fake.requests.filter((r) => r.method === 'POST').map((r) => String(r.headers?.['Idempotency-Key']));

describe('Sage 50 UKI, Define Below creates: keys from the execution and item', () => {
	it('O1: the same order with the same lines from two executions is two Sage orders', async () => {
		const march = await run(ORDER, undefined, { executionId: '100' });
		const april = await run(ORDER, undefined, { executionId: '101' });
		expect(april.json[0].ORDER_NUMBER).not.toBe(march.json[0].ORDER_NUMBER);
		expect((await orders()).map((o) => o.ORDER_NUMBER).sort()).toEqual([march.json[0].ORDER_NUMBER, april.json[0].ORDER_NUMBER].sort());
		expect(keysSent(march)[0]).toMatch(/^n8n:sales-orders:create-salesOrder:exec-100-item-0:[0-9a-f]{32}$/);
		expect(keysSent(april)[0]).toMatch(/^n8n:sales-orders:create-salesOrder:exec-101-item-0:/);
		// Two identical items of one execution are two orders too.
		const pair = await run(ORDER, items(2), { executionId: '102' });
		expect(new Set(pair.json.map((o) => o.ORDER_NUMBER)).size).toBe(2);
		expect(await orders()).toHaveLength(4);
	});

	it.each([
		['a 503 (Sage busy)', 'SAGE_BUSY', 503],
		['a lost answer (committed, connection closed)', 'lostResponse', 0],
	])("O1: the node's own retry after %s on the create sends the same key and makes one order", async (_what, mode, status) => {
		await sage().fault({ mode, count: 1, method: 'POST', route: '/sales-orders' });
		const out = await run(ORDER, undefined, { executionId: '200' });
		const keys = keysSent(out);
		expect(keys).toHaveLength(2);
		expect(keys[1]).toBe(keys[0]);
		expect((await orders()).map((o) => o.ORDER_NUMBER)).toEqual([out.json[0].ORDER_NUMBER]);
		const c = await sage().counters();
		expect([count(c, 'POST', '/sales-orders', status), count(c, 'POST', '/sales-orders', 201)]).toEqual([1, 1]);
	});

	it("O1: n8n's Retry On Fail (the node runs again in the same execution) replays instead of a second order", async () => {
		const customData: Record<string, string> = {};
		const first = await run(ORDER, undefined, { executionId: '400', customData });
		const again = await run(ORDER, undefined, { executionId: '400', customData });
		expect(again.json[0].ORDER_NUMBER).toBe(first.json[0].ORDER_NUMBER);
		expect(keysSent(again)).toEqual(keysSent(first));
		expect(await orders()).toHaveLength(1);
	});

	it("O1: n8n's Retry of a failed execution (new id, the run's custom data carried over) replays what it created and creates the rest", async () => {
		// Item 1 is for an account on hold: the node fails after creating item 0.
		const params = (i: number) => ({ ...ORDER, accountRef: i === 0 ? 'ABS001' : 'BUS001' });
		const customData: Record<string, string> = {};
		const failed = await run(params, items(2), { executionId: '500', customData }).catch((e: Error) => e);
		expect((failed as Error).message).toMatch(/ACCOUNT_ON_HOLD/);
		expect(customData).toEqual({ [WRITES_EXECUTION]: '500' });
		const [created] = await orders();
		expect(created.ACCOUNT_REF).toBe('ABS001');

		// Fixed in Sage, then Executions › Retry: the failed node runs again with its input, as execution 501.
		await sage().patch('/customers/BUS001', { ACCOUNT_ON_HOLD: 0 });
		const retry = await run(params, items(2), { executionId: '501', customData });
		expect(retry.json.map((o) => o.ORDER_NUMBER)).toEqual([created.ORDER_NUMBER, expect.any(Number)]);
		expect((await orders()).map((o) => o.ACCOUNT_REF).sort()).toEqual(['ABS001', 'BUS001']);
		const c = await sage().counters();
		expect(count(c, 'POST', '/sales-orders', 201)).toBe(3); // created, replayed, created

		// A new execution of the same input is a genuine repeat: two more orders.
		await run(params, items(2), { executionId: '502' });
		expect(await orders()).toHaveLength(4);
	});
});

describe('Sage 50 UKI, Define Below creates: explicit key or source identity', () => {
	it('O1: an explicit Idempotency Key twice (two executions) is one order, sent as given', async () => {
		const params = { ...ORDER, writeOptions: { idempotencyKey: 'shop-order-8812' } };
		const first = await run(params, undefined, { executionId: '600' });
		const second = await run(params, undefined, { executionId: '601' });
		expect(second.json[0].ORDER_NUMBER).toBe(first.json[0].ORDER_NUMBER);
		expect(keysSent(second)).toEqual(['shop-order-8812']);
		expect(await orders()).toHaveLength(1);
	});

	it('O1: a Source Record ID twice (two executions, edited lines) is one order; another ID is another order', async () => {
		const params = (lines: IDataObject[], id = 'FM-77') => ({ ...ORDER, lines: { line: lines }, writeOptions: { sourceKey: id } });
		const first = await run(params([{ STOCK_CODE: 'PAPER001', QTY_ORDER: 2 }]), undefined, { executionId: '700' });
		const same = await run(params([{ STOCK_CODE: 'PAPER001', QTY_ORDER: 2 }]), undefined, { executionId: '701' });
		expect(same.json[0].ORDER_NUMBER).toBe(first.json[0].ORDER_NUMBER);
		expect(keysSent(same)[0]).toMatch(/^n8n:sales-orders:create-salesOrder:FM-77:/);
		// Edited since: the key names the first order instead of creating a second one.
		const edited = await run(params([{ STOCK_CODE: 'PAPER001', QTY_ORDER: 3 }]), undefined, { executionId: '702' }).catch((e: Error) => e);
		expect((edited as Error).message).toMatch(new RegExp(`it created ${first.json[0].ORDER_NUMBER} \\(IDEMPOTENCY_KEY_REUSED\\)`));
		await run(params([{ STOCK_CODE: 'PAPER001', QTY_ORDER: 2 }], 'FM-78'), undefined, { executionId: '703' });
		expect(await orders()).toHaveLength(2);
	});

	it('A4 C3: customer and address creates are keyed by execution and item too', async () => {
		const customer = { resource: 'customer', operation: 'create', inputMode: 'fields', fields: { NAME: 'Repeat Ltd' } };
		await run(customer, undefined, { executionId: '800' });
		await run(customer, undefined, { executionId: '801' });
		expect((await sage().table('SALES_LEDGER')).filter((c) => c.NAME === 'Repeat Ltd')).toHaveLength(2);

		const address = { resource: 'customerAddress', operation: 'create', accountRef: 'ABS001', addressType: 1, inputMode: 'fields', fields: { CONTACT_NAME: 'Pat Again' } };
		const customData: Record<string, string> = {};
		const a = await run(address, undefined, { executionId: '802', customData });
		const replay = await run(address, undefined, { executionId: '802', customData });
		expect(replay.json[0].ADDRESS_REF).toBe(a.json[0].ADDRESS_REF);
		await run(address, undefined, { executionId: '803' });
		expect((await sage().table('SALES_DEL_ADDR')).filter((r) => r.CONTACT_NAME === 'Pat Again')).toHaveLength(2);
	});
});

describe('Sage 50 UKI, Create or Update (Define Below): the create branch is keyed by the match key', () => {
	it('O1: two concurrent runs creating the same new external key make one quotation', async () => {
		const quote = {
			resource: 'quotation',
			operation: 'upsert',
			dataMode: 'define',
			accountRef: 'KIN001',
			externalKey: 'FM-Q-55',
			matchField: 'CUST_ORDER_NUMBER',
			lines: { line: [{ STOCK_CODE: 'FAX001', QTY_ORDER: 1 }] },
			inputMode: 'fields',
			fields: {},
		};
		// Overlapping executions: both look up before either create is served (each POST is held
		// 300 ms), so both create; the second create replays the first.
		await sage().fault({ mode: 'slow', count: 2, delayMs: 300, method: 'POST', route: '/sales-orders' });
		const [a, b] = await Promise.all([run(quote, undefined, { executionId: '900' }), run(quote, undefined, { executionId: '901' })]);
		expect(a.json[0].id).toBe(b.json[0].id);
		expect(await orders('FM-Q-55')).toHaveLength(1);
		const keys = [...keysSent(a), ...keysSent(b)];
		expect(keys).toHaveLength(2);
		expect(keys[0]).toMatch(/^n8n:sales-orders:upsert-create:FM-Q-55:/);
		expect(keys[1]).toBe(keys[0]);
		expect([a.json[0].status, b.json[0].status]).toEqual(['created', 'created']);
		expect([a.json[0].replayed, b.json[0].replayed].sort()).toEqual([false, true]);
	});
});
