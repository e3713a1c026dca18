import { type Harness, startHarness } from './harness';

let h: Harness;
beforeEach(async () => {
	h = await startHarness();
});
afterEach(() => h.bridge.close());

type Change = { seq: string; key: string; change: string; source: string; changedAt: string; record: Record<string, unknown> };

async function feed(entity: string, after = '0', limit = 100): Promise<{ items: Change[]; nextCursor: string | null; cursor: string }> {
	const res = await h.api.get(`/changes/${entity}`, { params: { after, limit } });
	expect(res.status).toBe(200);
	return res.data;
}

async function drain(entity: string, after: string, limit: number): Promise<{ items: Change[]; cursor: string; pages: number }> {
	const items: Change[] = [];
	let cursor = after;
	let pages = 0;
	for (;;) {
		const page = await feed(entity, cursor, limit);
		pages++;
		items.push(...page.items);
		cursor = page.cursor;
		if (!page.nextCursor) return { items, cursor, pages };
	}
}

describe('change feed', () => {
	it('returns records changed across the October fall-back hour once each, in order, with unambiguous timestamps', async () => {
		const start = (await feed('customers', '0', 1000)).cursor;
		// 26 Oct 2025: clocks go back at 02:00 BST -> 01:00 GMT, so 01:00–01:59 local happens twice.
		const instants = ['2025-10-26T00:15:00Z', '2025-10-26T00:45:00Z', '2025-10-26T00:59:59Z', '2025-10-26T01:00:00Z', '2025-10-26T01:15:00Z', '2025-10-26T01:45:00Z', '2025-10-26T02:10:00Z'];
		const refs = ['KIN001', 'ABS001', 'A1D001', 'BRO001', 'STE001', 'DUB001', 'KIN001'];
		for (const [i, at] of instants.entries()) {
			h.bridge.clock.freeze(new Date(at));
			const res = await h.api.patch(`/customers/${refs[i]}`, { ANALYSIS_1: `change ${i}` }, h.key());
			expect(res.status).toBe(200);
		}
		const { items, pages } = await drain('customers', start, 2);
		expect(pages).toBeGreaterThan(2);
		// KIN001 changed twice: only its newest change is in the feed, at the end.
		expect(items.map((c) => c.key)).toEqual(['ABS001', 'A1D001', 'BRO001', 'STE001', 'DUB001', 'KIN001']);
		expect(items.map((c) => c.record.RECORD_MODIFY_DATE)).toEqual([
			'2025-10-26T01:45:00+01:00',
			'2025-10-26T01:59:59+01:00',
			'2025-10-26T01:00:00+00:00',
			'2025-10-26T01:15:00+00:00',
			'2025-10-26T01:45:00+00:00',
			'2025-10-26T02:10:00+00:00',
		]);
		const instantsSeen = items.map((c) => Date.parse(String(c.record.RECORD_MODIFY_DATE)));
		expect([...instantsSeen].sort((a, b) => a - b)).toEqual(instantsSeen);
		expect(items.every((c) => c.change === 'updated' && c.source === 'bridge')).toBe(true);
		// Sage itself stores the ambiguous wall-clock time (no zone): two rows share "01:45:00".
		const rows = (await h.admin.get('/tables/SALES_LEDGER')).data.rows as Array<{ ACCOUNT_REF: string; RECORD_MODIFY_DATE: string }>;
		const wall = (ref: string) => rows.find((r) => r.ACCOUNT_REF === ref)!.RECORD_MODIFY_DATE;
		expect(wall('ABS001')).toBe('2025-10-26 01:45:00');
		expect(wall('DUB001')).toBe('2025-10-26 01:45:00');
		// modifiedSince is an instant: the GMT 01:15 excludes the BST 01:45 that came earlier.
		const since = await h.api.get('/customers', { params: { modifiedSince: '2025-10-26T01:15:00+00:00', limit: 1000 } });
		const sinceRefs = since.data.items.map((c: { ACCOUNT_REF: string }) => c.ACCOUNT_REF);
		expect(sinceRefs).toEqual(expect.arrayContaining(['DUB001', 'KIN001', 'STE001']));
		for (const earlier of ['ABS001', 'A1D001', 'BRO001']) expect(sinceRefs).not.toContain(earlier);
	});

	it('keeps one-second resolution: sub-second changes share a timestamp but keep their order', async () => {
		const start = (await feed('customers', '0', 1000)).cursor;
		h.bridge.clock.freeze(new Date('2031-06-01T12:00:00.250Z'));
		await h.api.patch('/customers/BRO001', { ANALYSIS_2: 'a' }, h.key());
		h.bridge.clock.freeze(new Date('2031-06-01T12:00:00.900Z'));
		await h.api.patch('/customers/A1D001', { ANALYSIS_2: 'b' }, h.key());
		const { items } = await drain('customers', start, 10);
		expect(items.map((c) => c.key)).toEqual(['BRO001', 'A1D001']);
		expect(items.map((c) => c.record.RECORD_MODIFY_DATE)).toEqual(['2031-06-01T13:00:00+01:00', '2031-06-01T13:00:00+01:00']);
		expect(Number(items[1].seq)).toBeGreaterThan(Number(items[0].seq));
	});

	it('A6 a customer deleted in Sage appears in the change feed as a tombstone, with its contacts (C2)', async () => {
		const start = (await feed('customers', '0', 1000)).cursor;
		const addrStart = (await feed('addresses', '0', 1000)).cursor;
		expect((await h.admin.delete('/customers/A1D001')).status).toBe(200);
		const { items } = await drain('customers', start, 10);
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({ key: 'A1D001', change: 'deleted', source: 'sage', record: { ACCOUNT_REF: 'A1D001', RECORD_DELETED: 1 } });
		const addresses = (await drain('addresses', addrStart, 10)).items;
		expect(addresses.map((a) => [a.key, a.change])).toEqual([
			['A1D001  0001', 'deleted'],
			['A1D001  0002', 'deleted'],
			['A1D001  0003', 'deleted'],
			['A1D001  0004', 'deleted'],
		]);
		const deleted = (await h.admin.get('/tables/DELETED_RECORDS')).data.rows;
		expect(deleted).toEqual(expect.arrayContaining([expect.objectContaining({ TABLE_NAME: 'SALES_LEDGER', FOREIGN_REF: 'A1D001' })]));
		expect((await h.api.get('/customers/A1D001')).data.RECORD_DELETED).toBe(1);
		expect((await h.api.patch('/customers/A1D001', { NAME: 'Back' }, h.key())).status).toBe(404);
	});

	it('P4 a product deleted in Sage is a tombstone; P5 an inactive product is an update', async () => {
		const start = (await feed('products', '0', 1000)).cursor;
		await h.admin.delete('/products/FAX001');
		await h.admin.patch('/products/BOARD002', { INACTIVE_FLAG: 1 });
		const { items } = await drain('products', start, 10);
		expect(items.map((c) => [c.key, c.change, c.record.INACTIVE_FLAG])).toEqual([
			['FAX001', 'deleted', 0],
			['BOARD002', 'updated', 1],
		]);
	});

	it('marks creations, tells bridge writes from Sage edits, and resumes from the stored cursor', async () => {
		const start = (await feed('addresses', '0', 1000)).cursor;
		const created = await h.api.post('/customers/KIN001/addresses', { ADDRESS_TYPE: 1, CONTACT_NAME: 'New Contact' }, h.key());
		await h.admin.patch('/customers/KIN001/addresses/3', { E_MAIL: 'anna.k@kinnerton.example' });
		const page = await feed('addresses', start);
		expect(page.items.map((c) => [c.key, c.change, c.source])).toEqual([
			[created.data.REFERENCE, 'created', 'bridge'],
			['KIN001  0003', 'updated', 'sage'],
		]);
		expect(page.nextCursor).toBeNull();
		const again = await feed('addresses', page.cursor);
		expect(again.items).toEqual([]);
		expect(again.cursor).toBe(page.cursor);
	});

	it('a record changed while a client pages moves to the end and is not lost', async () => {
		const first = await feed('customers', '0', 2);
		const second = first.items[0].key === 'A1D001' ? 'A1D001' : first.items[0].key;
		const later = (await feed('customers', '0', 1000)).items.at(-1)!.key;
		await h.admin.patch(`/customers/${later}`, { ANALYSIS_3: 'moved' });
		const rest = await drain('customers', first.cursor, 3);
		const keys = [...first.items, ...rest.items].map((c) => c.key);
		expect(keys.filter((k) => k === later)).toHaveLength(1);
		expect(keys.at(-1)).toBe(later);
		expect(keys).toContain(second);
	});

	it('rejects unknown entities and bad cursors', async () => {
		expect((await h.api.get('/changes/widgets')).status).toBe(404);
		expect((await h.api.get('/changes/customers', { params: { after: 'abc' } })).data.code).toBe('VALIDATION_FAILED');
	});
});
