// Products and users end to end (one way, Sage → ForceManager): the shipped templates
// sage-to-fm-products and sage-to-fm-users imported unchanged into a real n8n 2.40.7, run cycle by
// cycle against the bridge (demo company) and the ForceManager simulator (demo tenant). Every test
// asserts both systems. One story: the tests run in file order and share n8n's cursors.
import type { IDataObject } from 'n8n-workflow';

import { startSyncBench, type SyncBench } from '../../support/sync';

jest.setTimeout(600_000);

const PRODUCTS = 'sfmSageToFmProducts';
const USERS = 'sfmSageToFmUsers';
const FM_UPSERT = 'Upsert Products in ForceManager';
const MATCH = 'Match Users by E-mail in ForceManager';

const live = (rows: IDataObject[]) => rows.filter((r) => !r.deleted && !r.RECORD_DELETED);

describe('products and users: Sage 50 → ForceManager templates in a real n8n', () => {
	let bench: SyncBench;
	const fmProduct = async (code: string) => (await bench.fm.records('products')).find((p) => p.extId === code);
	const pictures = async () => (await bench.fm.documents()).map((d) => String(d.name ?? d.fileName ?? '')).sort();

	beforeAll(async () => {
		bench = await startSyncBench({
			name: 'sync-products',
			templates: ['sage-to-fm-products', 'sage-to-fm-users', 'error-handler'],
			forceManagerSeed: 'demo',
		});
	});

	afterAll(async () => {
		await bench?.dispose();
	});

	test('P1 P2 P5: every Sage product becomes one read-only FM product; no stock figure where stock does not apply; inactive = not available', async () => {
		const stock = live(await bench.sage.table('STOCK'));
		const cycle = await bench.cycle(PRODUCTS);
		expect(cycle.error()).toBeUndefined();
		expect(cycle.items(FM_UPSERT).map((r) => r.status)).toEqual(stock.map(() => 'created'));
		for (const s of stock) {
			const p = (await fmProduct(String(s.STOCK_CODE)))!;
			const expectedStock = Number(s.ITEM_TYPE) === 0 ? Number(s.QTY_IN_STOCK ?? 0) - Number(s.QTY_ALLOCATED ?? 0) : null;
			expect([s.STOCK_CODE, p.readOnly, p.stock ?? null, Boolean(p.notAvailable), p.model]).toEqual([
				s.STOCK_CODE,
				true,
				expectedStock,
				Number(s.INACTIVE_FLAG) === 1,
				s.DESCRIPTION,
			]);
		}
		// P2: a stock item with nothing free shows 0, a service item shows nothing (never 0).
		expect((await fmProduct('BOARD002'))?.stock).toBe(0);
		expect((await fmProduct('INSTALL'))?.stock ?? null).toBeNull();
		expect((await fmProduct('TONER01'))?.notAvailable).toBe(true);
		expect((await bench.sage.counters()).writes).toBe(0);
	});

	test('P3: Sage product images become product pictures, not uploaded again while the image is unchanged', async () => {
		const withImage = live(await bench.sage.table('STOCK')).filter((s) => s.WEB_IMAGE_FILE);
		expect(withImage.length).toBeGreaterThan(0);
		const names = await pictures();
		for (const s of withImage) expect(names.filter((n) => n.startsWith(`${String(s.STOCK_CODE)}-`))).toHaveLength(1);

		// A price change re-sends the product with the same image: no second upload.
		await bench.sage.editProduct('BOARD001', { SALES_PRICE: 46.5 });
		await bench.resetCounters();
		const cycle = await bench.cycle(PRODUCTS);
		expect(cycle.items(FM_UPSERT).map((r) => [r.status, r.key])).toEqual([['updated', 'BOARD001']]);
		expect((await fmProduct('BOARD001'))?.price).toBe(46.5);
		expect(await pictures()).toEqual(names);
	});

	test('P4 P5: a product deleted in Sage is soft-deleted in ForceManager; one set inactive becomes not available', async () => {
		const book = (await fmProduct('BOOK001'))!;
		await bench.sage.deleteProduct('BOOK001');
		await bench.sage.editProduct('PAPER001', { INACTIVE_FLAG: 1 });
		const cycle = await bench.cycle(PRODUCTS);
		expect(
			cycle
				.items(FM_UPSERT)
				.map((r) => [r.status, r.key])
				.sort(),
		).toEqual([
			['deleted', 'BOOK001'],
			['updated', 'PAPER001'],
		]);
		expect(await bench.fm.record('products', Number(book.id))).toMatchObject({ deleted: true, extId: 'BOOK001' });
		expect((await fmProduct('PAPER001'))?.notAvailable).toBe(true);
		expect(live(await bench.sage.table('STOCK')).map((s) => s.STOCK_CODE)).not.toContain('BOOK001');
	});

	test('I1 products: a second cycle with no change makes zero writes on both sides', async () => {
		await bench.resetCounters();
		const cycle = await bench.cycle(PRODUCTS);
		expect(cycle.items(FM_UPSERT).filter((r) => r.status !== 'unchanged')).toEqual([]);
		expect(await bench.writes()).toEqual({ forceManager: 0, sage: 0 });
	});

	// On the Sage adapter Sage's users are the bridge's users directory (`sage.users`), and createUser is
	// the admin adding the new Sage user to it and restarting the bridge.
	test('U1: Sage users are matched to ForceManager users by e-mail (any case): linked or unmatched, nothing written', async () => {
		await bench.sage.createUser({ USER_NAME: 'BEN', NAME: 'Ben Carter', E_MAIL: 'Ben.Carter@WellsOffice.co.uk', USER_TYPE: 'Standard' });
		const fmUsersBefore = await bench.fm.records('users');
		await bench.resetCounters();
		const cycle = await bench.cycle(USERS);
		expect(cycle.error()).toBeUndefined();
		const results = cycle.items(MATCH);
		const sageUsers = live(await bench.sage.table('USERS'));
		expect(results).toHaveLength(sageUsers.length);
		const ben = results.find((r) => r.key === 'ben.carter@wellsoffice.co.uk')!;
		expect([ben.status, ben.id]).toEqual(['linked', 3]);
		const others = results.filter((r) => r !== ben);
		expect(others.every((r) => ['unmatched', 'skipped'].includes(String(r.status)))).toBe(true);
		expect(others.filter((r) => r.status === 'skipped').every((r) => r.reason)).toBe(true); // e.g. no e-mail
		expect(await bench.writes()).toEqual({ forceManager: 0, sage: 0 });
		expect(await bench.fm.records('users')).toEqual(fmUsersBefore);
		// I1 users: nothing changed, nothing to do.
		expect((await bench.cycle(USERS)).executions).toEqual([]);
	});
});
