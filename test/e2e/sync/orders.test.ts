// Sales orders, quotations and invoices end to end: the shipped templates sage-to-fm-sales-orders,
// sage-to-fm-invoices and fm-to-sage-sales-orders (after the account and product templates they
// depend on) imported unchanged into a real n8n 2.40.7, run cycle by cycle against the bridge (demo
// company) and the ForceManager simulator (demo tenant). Every test asserts both systems. One story:
// the tests run in file order and share n8n's cursors.
import type { IDataObject } from 'n8n-workflow';

import { startSyncBench, type SyncBench } from '../../support/sync';

jest.setTimeout(600_000);

const ORDERS_S2F = 'sfmSageToFmOrders';
const ORDERS_F2S = 'sfmFmToSageOrders';
const INVOICES = 'sfmSageToFmInvoices';
const FM_ORDERS = 'Upsert Sales Orders in ForceManager';
const FM_SALES = 'Upsert Sales in ForceManager';
const SAGE_QUOTES = 'Upsert Quotations in Sage 50';
/** The Mapper's default Order Status IDs option: quote=1, order=2, invoiced=3, cancelled=4. */
const STATUS = { quote: 1, order: 2, invoiced: 3 };

const live = (rows: IDataObject[]) => rows.filter((r) => !r.deleted && !r.RECORD_DELETED);
const idOf = (v: unknown) => (typeof v === 'object' && v !== null ? (v as { id: unknown }).id : v);
const keyOf = (o: IDataObject) => `${Number(o.ORDER_TYPE) === 9 ? 'QU' : 'SO'}:${String(o.ORDER_NUMBER)}`;

describe('sales orders, quotations and invoices: templates in a real n8n', () => {
	let bench: SyncBench;
	const fmIdByExtId = async (entity: string, extId: string) =>
		Number(live(await bench.fm.records(entity)).find((r) => r.extId === extId)?.id);
	const fmOrders = async () => live(await bench.fm.records('salesorders')).filter((o) => /^(SO|QU):/.test(String(o.extId)));

	beforeAll(async () => {
		bench = await startSyncBench({
			name: 'sync-orders',
			templates: [
				'sage-to-fm-accounts',
				'sage-to-fm-products',
				'sage-to-fm-sales-orders',
				'sage-to-fm-invoices',
				'fm-to-sage-sales-orders',
				'fm-to-sage-accounts',
				'error-handler',
			],
			forceManagerSeed: 'demo',
		});
		for (const wf of ['sfmSageToFmAccounts', 'sfmSageToFmProducts']) expect((await bench.cycle(wf)).error()).toBeUndefined();
	});

	afterAll(async () => {
		await bench?.dispose();
	});

	test('O2 O1: Sage orders and quotations land in ForceManager read-only, with product lines, totals and status; proformas are skipped', async () => {
		const docs = live(await bench.sage.table('SALES_ORDER'));
		const synced = docs.filter((d) => [0, 9].includes(Number(d.ORDER_TYPE)));
		const cycle = await bench.cycle(ORDERS_S2F);
		expect(cycle.error()).toBeUndefined();
		const results = cycle.items(FM_ORDERS);
		expect(results.filter((r) => r.status === 'created').map((r) => r.key).sort()).toEqual(synced.map(keyOf).sort());
		expect(results.filter((r) => r.status === 'skipped')).toHaveLength(docs.length - synced.length);

		const items = await bench.sage.table('SOP_ITEM');
		const lines = live(await bench.fm.records('salesordersLines'));
		for (const d of synced) {
			const o = (await fmOrders()).find((x) => x.extId === keyOf(d))!;
			expect([keyOf(d), o.readOnly, o.total]).toEqual([keyOf(d), true, d.INVOICE_NET]);
			expect(idOf(o.accountId)).toBe(await fmIdByExtId('accounts', String(d.ACCOUNT_REF)));
			const productLines = items.filter((i) => i.ORDER_NUMBER === d.ORDER_NUMBER && !/^(S[123]|M)$/.test(String(i.STOCK_CODE)));
			const mine = lines.filter((l) => idOf(l.salesorderId) === o.id);
			expect(mine).toHaveLength(productLines.length);
			for (const i of productLines) {
				const productId = await fmIdByExtId('products', String(i.STOCK_CODE));
				expect([i.STOCK_CODE, mine.some((l) => idOf(l.productId) === productId && Number(l.quantity) === Number(i.QTY_ORDER))]).toEqual([
					i.STOCK_CODE,
					true,
				]);
			}
		}
		// Order 2 was invoiced in the demo company; order 1 is open.
		expect(idOf((await fmOrders()).find((o) => o.extId === 'SO:2')?.statusId)).toBe(STATUS.invoiced);
		expect(idOf((await fmOrders()).find((o) => o.extId === 'SO:1')?.statusId)).toBe(STATUS.order);
		expect((await bench.sage.counters()).writes).toBe(0);
	});

	test('O2: Sage invoices and credit notes become ForceManager sales (credit notes negative)', async () => {
		const invoices = live(await bench.sage.table('INVOICE'));
		const cycle = await bench.cycle(INVOICES);
		expect(cycle.error()).toBeUndefined();
		expect(cycle.items(FM_SALES).map((r) => r.status)).toEqual(invoices.map(() => 'created'));
		const sales = live(await bench.fm.records('sales'));
		for (const inv of invoices) {
			const sale = sales.find((s) => s.extId === `INV:${String(inv.INVOICE_NUMBER)}`)!;
			const credit = [3, 4].includes(Number(inv.INVOICE_TYPE));
			expect([sale.extId, Number(sale.total)]).toEqual([sale.extId, (credit ? -1 : 1) * Number(inv.INVOICE_GROSS)]);
			expect(idOf(sale.accountId)).toBe(await fmIdByExtId('accounts', String(inv.ACCOUNT_REF)));
		}
		expect((await bench.sage.counters()).writes).toBe(0);
	});

	test('O2: a status change in Sage (order invoiced) reaches the read-only FM order; the new invoice becomes a sale', async () => {
		const before = (await fmOrders()).find((o) => o.extId === 'SO:1')!;
		await bench.sage.createInvoice({ ORDER_NUMBER: 1, POSTED: 1 });
		const orders = await bench.cycle(ORDERS_S2F);
		expect(orders.items(FM_ORDERS).map((r) => [r.status, r.key])).toEqual([['updated', 'SO:1']]);
		const after = (await fmOrders()).find((o) => o.extId === 'SO:1')!;
		expect([after.id, idOf(after.statusId)]).toEqual([before.id, STATUS.invoiced]);
		const invoices = await bench.cycle(INVOICES);
		expect(invoices.items(FM_SALES).map((r) => r.status)).toEqual(['created']);
	});

	test('I1 orders and invoices: a second cycle with no change makes zero writes on both sides', async () => {
		await bench.resetCounters();
		for (const wf of [ORDERS_S2F, INVOICES]) {
			const cycle = await bench.cycle(wf);
			expect(cycle.items(wf === INVOICES ? FM_SALES : FM_ORDERS).filter((r) => r.status !== 'unchanged')).toEqual([]);
		}
		expect(await bench.writes()).toEqual({ forceManager: 0, sage: 0 });
	});

	test('O1: a quotation raised in ForceManager is created once in Sage and priced there, gets its Sage key, and Sage\'s version (prices, lines, later status) flows back to the same FM order by itself', async () => {
		// The FM → Sage template's initial load first: the demo tenant's order is Sage-owned (skipped).
		const initial = await bench.cycle(ORDERS_F2S);
		expect(initial.error()).toBeUndefined();
		expect(initial.items(SAGE_QUOTES).filter((r) => !['skipped', 'unchanged'].includes(String(r.status)))).toEqual([]);

		const accountId = await fmIdByExtId('accounts', 'KIN001');
		const productId = await fmIdByExtId('products', 'BOARD001');
		const order = await bench.fm.uiCreate('salesorders', {
			reference: 'Q-KIN-7',
			accountId,
			branchId: 1,
			salesRepId: 3,
			statusId: STATUS.quote,
			currencyId: 1,
		});
		await bench.fm.uiCreate('salesordersLines', { salesOrderId: order.id, productId, quantity: 3, price: 1, order: 1 });
		const before = live(await bench.sage.table('SALES_ORDER'));

		const cycle = await bench.cycle(ORDERS_F2S);
		expect(cycle.error()).toBeUndefined();
		expect(cycle.items(SAGE_QUOTES).map((r) => r.status)).toEqual(['created']);
		const added = live(await bench.sage.table('SALES_ORDER')).filter((d) => !before.some((b) => b.ORDER_NUMBER === d.ORDER_NUMBER));
		expect(added).toHaveLength(1);
		expect(added[0]).toMatchObject({ ORDER_TYPE: 9, ACCOUNT_REF: 'KIN001', CUST_ORDER_NUMBER: 'Q-KIN-7' });
		const lines = (await bench.sage.table('SOP_ITEM')).filter((i) => i.ORDER_NUMBER === added[0].ORDER_NUMBER);
		expect(lines.map((l) => [l.STOCK_CODE, l.QTY_ORDER, l.UNIT_PRICE])).toEqual([['BOARD001', 3, 44.99]]); // Sage's price
		const key = keyOf(added[0]);
		expect(await bench.fm.record('salesorders', order.id)).toMatchObject({ extId: key });

		// Created once: another cycle writes nothing.
		await bench.resetCounters();
		const again = await bench.cycle(ORDERS_F2S);
		expect(again.items(SAGE_QUOTES).filter((r) => r.status !== 'unchanged')).toEqual([]);
		expect(await bench.writes()).toEqual({ forceManager: 0, sage: 0 });

		// Sage's version (priced, taxed) flows back to the same FM order by itself, in the next
		// Sage → FM cycle: nobody edits the order in Sage.
		const back = await bench.cycle(ORDERS_S2F);
		expect(back.error()).toBeUndefined();
		expect(back.items(FM_ORDERS).map((r) => [r.status, r.key])).toEqual([['updated', key]]);
		const fmOrder = await bench.fm.record('salesorders', order.id);
		expect([fmOrder.extId, fmOrder.total, Boolean(fmOrder.readOnly)]).toEqual([key, added[0].INVOICE_NET, false]);
		const fmLines = live(await bench.fm.records('salesordersLines')).filter((l) => idOf(l.salesorderId) === order.id);
		expect(fmLines.map((l) => [idOf(l.productId), Number(l.quantity), Number(l.price)])).toEqual([[productId, 3, 44.99]]);
		// Sage's later status (the quotation won) reaches the same order too.
		await bench.sage.editSalesOrder(Number(added[0].ORDER_NUMBER), { QUOTE_STATUS: 2 });
		const won = await bench.cycle(ORDERS_S2F);
		expect(won.items(FM_ORDERS).map((r) => [r.status, r.key])).toEqual([['updated', key]]);
		expect(idOf((await bench.fm.record('salesorders', order.id)).statusId)).toBe(STATUS.order);
		// Nothing echoes back to Sage: its own version is what ForceManager now holds.
		await bench.resetCounters();
		const quiet = await bench.cycle(ORDERS_F2S);
		expect(quiet.items(SAGE_QUOTES).filter((r) => r.status !== 'unchanged')).toEqual([]);
		expect((await bench.sage.counters()).writes).toBe(0);
		expect((await fmOrders()).filter((o) => o.extId === key)).toHaveLength(1);
		expect(live(await bench.sage.table('SALES_ORDER')).filter((d) => d.CUST_ORDER_NUMBER === 'Q-KIN-7')).toHaveLength(1);
	});

	test('O1 I4: an FM order of an account Sage does not know yet waits (reason shown, nothing written) and is created once the account template gave it a reference', async () => {
		// The account template's initial load first (demo prospects go to Sage), so only ours is new.
		expect((await bench.cycle('sfmFmToSageAccounts')).error()).toBeUndefined();
		const account = await bench.fm.uiCreate('accounts', { name: 'Pennine Offices Ltd', branchId: 1, salesRepId1: 3 });
		const order = await bench.fm.uiCreate('salesorders', {
			reference: 'Q-PEN-1',
			accountId: account.id,
			branchId: 1,
			salesRepId: 3,
			statusId: STATUS.quote,
			currencyId: 1,
		});
		await bench.fm.uiCreate('salesordersLines', {
			salesOrderId: order.id,
			productId: await fmIdByExtId('products', 'PAPER001'),
			quantity: 5,
			price: 1,
			order: 1,
		});
		const before = await bench.sage.table('SALES_ORDER');
		await bench.resetCounters();
		const waiting = await bench.cycle(ORDERS_F2S);
		const result = waiting.items(SAGE_QUOTES);
		expect(result.map((r) => r.status)).toEqual(['waiting']);
		expect(String(result[0].reason)).toMatch(/Pennine|account/i);
		expect(await bench.sage.table('SALES_ORDER')).toEqual(before);
		expect((await bench.sage.counters()).writes).toBe(0);

		expect((await bench.cycle('sfmFmToSageAccounts')).error()).toBeUndefined();
		const ref = String((await bench.fm.record('accounts', account.id)).extId);
		const landed = await bench.cycle(ORDERS_F2S);
		expect(landed.items(SAGE_QUOTES).map((r) => r.status)).toEqual(['created']);
		const added = live(await bench.sage.table('SALES_ORDER')).filter((d) => d.ACCOUNT_REF === ref);
		expect(added.map((d) => [d.ORDER_TYPE, d.CUST_ORDER_NUMBER])).toEqual([[9, 'Q-PEN-1']]);
		expect(await bench.fm.record('salesorders', order.id)).toMatchObject({ extId: keyOf(added[0]) });
	});
});
