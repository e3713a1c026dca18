// The sync-relevant field lists of two-way pairs, held against the field maps they stand for: a field
// a mapping reads that is missing from its side's list would make a person's edit look like an echo.
import { mapRecord, settingsWith } from '../../../nodes/shared/mapping';
import type { SyncDirection, SyncEntity } from '../../../nodes/shared/sync/envelope';
import { changedSince, matchesSnapshot, PAIR_FIELDS, project, type PairEntity, type PairSide } from '../../../nodes/shared/sync/snapshot';
import * as f from '../mapping/fixtures';

const related = { related: { account: { id: 17, name: 'Acme', extId: 'ACME01', readOnly: false } } };
const cases: Array<{ entity: SyncEntity; pair: PairEntity; direction: SyncDirection; item: Record<string, unknown> }> = [
	{ entity: 'account', pair: 'account', direction: 'sageToForceManager', item: f.sageChange('customers', 'ABS001', f.customer) },
	{ entity: 'account', pair: 'account', direction: 'forceManagerToSage', item: f.fmChange('accounts', f.fmAccount) },
	{ entity: 'contact', pair: 'contact', direction: 'sageToForceManager', item: f.sageChange('addresses', 'ABS001  0003', f.address(1)) },
	{ entity: 'contact', pair: 'contact', direction: 'forceManagerToSage', item: f.fmChange('contacts', f.fmContact, related) },
	{ entity: 'salesOrder', pair: 'salesOrder', direction: 'sageToForceManager', item: f.sageChange('sales-orders', '123', f.sageOrder()) },
	{ entity: 'quotation', pair: 'salesOrder', direction: 'forceManagerToSage', item: f.fmChange('salesorders', f.fmOrder(), related) },
];
const side = (d: SyncDirection): { source: PairSide; destination: PairSide } =>
	d === 'sageToForceManager' ? { source: 'sage50', destination: 'forceManager' } : { source: 'forceManager', destination: 'sage50' };
const output = (item: Record<string, unknown>, entity: SyncEntity, direction: SyncDirection) => {
	const m = mapRecord(item, settingsWith({ entity, direction }));
	return { action: m.sync.action, fields: m.fields, lines: m.lines, references: m.references };
};

describe('pair field lists (echo detection and merges)', () => {
	test.each(cases)('$pair $direction: every field the mapping writes is on the destination list', ({ entity, pair, direction, item }) => {
		const mapped = mapRecord(item, settingsWith({ entity, direction }));
		expect(mapped.sync.action).toBe('upsert');
		const list = PAIR_FIELDS[pair][side(direction).destination];
		const written = [...Object.keys(mapped.fields), ...(mapped.lines ? [side(direction).destination === 'sage50' ? 'ITEMS' : 'lines'] : [])];
		expect(written.filter((w) => !list.includes(w))).toEqual([]);
		// An account reference becomes the destination's account link.
		if (mapped.references?.account && side(direction).destination === 'forceManager') expect(list).toContain('accountId');
	});

	test.each(cases)('$pair $direction: a source field off the list changes nothing the mapping writes', ({ entity, pair, direction, item }) => {
		const record = item.record as Record<string, unknown>;
		const list = new Set(PAIR_FIELDS[pair][side(direction).source]);
		const before = output(item, entity, direction);
		const untouched: string[] = [];
		for (const key of Object.keys(record)) {
			if (list.has(key)) continue;
			const value = record[key];
			const mutated = typeof value === 'number' ? value + 7 : value === null ? 'x' : typeof value === 'string' ? `${value}-x` : value;
			expect([key, output({ ...item, record: { ...record, [key]: mutated } }, entity, direction)]).toEqual([key, before]);
			untouched.push(key);
		}
		expect(untouched.length).toBeGreaterThan(0);
	});
});

describe('echoes by content', () => {
	const snap = project('contact', 'sage50', f.address(1));

	test('a record equal to its snapshot on every relevant field is an echo; any relevant edit is not', () => {
		expect(matchesSnapshot('contact', 'sage50', f.address(1), snap)).toBe(true);
		// Columns the sync does not map are not part of the test.
		expect(matchesSnapshot('contact', 'sage50', { ...f.address(1), RECORD_MODIFY_DATE: '2030-01-01T00:00:00Z' }, snap)).toBe(true);
		expect(matchesSnapshot('contact', 'sage50', { ...f.address(1), E_MAIL: 'new@x' }, snap)).toBe(false);
		expect(changedSince('contact', 'sage50', { ...f.address(1), E_MAIL: 'new@x' }, snap)).toEqual(['E_MAIL']);
	});

	test('C3: a type change (contact → delivery) is a real change', () => {
		expect(matchesSnapshot('contact', 'sage50', { ...f.address(1), ADDRESS_TYPE: 0 }, snap)).toBe(false);
	});

	test('a snapshot missing a field (never synced, written partly) is never an echo', () => {
		const { E_MAIL: _gone, ...partial } = snap;
		expect(matchesSnapshot('contact', 'sage50', f.address(1), partial)).toBe(false);
		expect(matchesSnapshot('contact', 'sage50', f.address(1), null)).toBe(false);
	});

	test('normalised: lookups equal their id, "" equals null, lines compare by their fields in order', () => {
		const fm = project('contact', 'forceManager', { ...f.fmContact, email: '' });
		expect(fm.accountId).toBe(17);
		expect(matchesSnapshot('contact', 'forceManager', { ...f.fmContact, email: null, accountId: 17 }, fm)).toBe(true);
		const order = f.fmOrder();
		const lines = project('salesOrder', 'forceManager', order).lines as Array<Record<string, unknown>>;
		expect(lines[0]).toEqual({ productId: 1, quantity: 2, price: 24.99, discount1: 5 });
		const reordered = { ...order, lines: [...order.lines].reverse() };
		expect(matchesSnapshot('salesOrder', 'forceManager', reordered, project('salesOrder', 'forceManager', order))).toBe(true);
		const edited = { ...order, lines: order.lines.map((l, i) => (i === 0 ? { ...l, quantity: 3 } : l)) };
		expect(matchesSnapshot('salesOrder', 'forceManager', edited, project('salesOrder', 'forceManager', order))).toBe(false);
	});

	test('O1: what the sync sent (unpriced lines) differs from the order Sage priced, so Sage\'s version is not an echo', () => {
		const sent = project('salesOrder', 'sage50', { ACCOUNT_REF: 'ABS001', ORDER_TYPE: 9, CUST_ORDER_NUMBER: 'Q-1', ITEMS: [{ STOCK_CODE: 'PAP-A4-80', QTY_ORDER: 2 }] }, false);
		expect(matchesSnapshot('salesOrder', 'sage50', f.sageOrder({ ORDER_TYPE: 9, CUST_ORDER_NUMBER: 'Q-1' }), sent)).toBe(false);
	});
});
