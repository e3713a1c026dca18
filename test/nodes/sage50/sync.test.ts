// Data mode "Mapped by the Sync Mapper" of the Sage 50 UKI upserts, against the simulated bridge
// over real HTTP: FM-born records created once (A4, C3, O1), deletions and waits never reach Sage
// (A5/C2), conflict policies, write-back on created and matched records, bad records fail alone.
import type { IDataObject } from 'n8n-workflow';

import type { RunningBridge } from '../../../bridge/src';
import type { MappedRecord, SyncResult } from '../../../nodes/shared/sync/envelope';
import { admin, count, run, start } from './helpers';

let bridge: RunningBridge;
let sage: ReturnType<typeof admin>;
beforeAll(async () => {
	bridge = await start();
	sage = admin(bridge);
});
afterAll(async () => await bridge.close());
beforeEach(async () => await sage.reset());

const NOW = '2026-06-01T12:00:00Z';

function account(id: number, fields: IDataObject, key = '', over: Partial<MappedRecord['sync']> = {}): MappedRecord {
	return {
		sync: {
			entity: 'account',
			direction: 'forceManagerToSage',
			action: 'upsert',
			rules: ['A1', 'A4'],
			key,
			source: { system: 'forceManager', entity: 'account', id: String(id), changedAt: NOW },
			label: `ForceManager account ${id} "${String(fields.NAME ?? '')}"`,
			writeBack: { resource: 'account', id, fields: { readOnly: true } },
			...over,
		},
		fields,
	};
}

function contact(id: number, accountRef: string, fields: IDataObject, key = '', changedAt = NOW): MappedRecord {
	return {
		sync: {
			entity: 'contact',
			direction: 'forceManagerToSage',
			action: 'upsert',
			rules: ['C1', 'C3'],
			key,
			source: { system: 'forceManager', entity: 'contact', id: String(id), changedAt },
			label: `ForceManager contact ${id}`,
			writeBack: { resource: 'contact', id, fields: {} },
		},
		fields,
		createOnly: { ADDRESS_TYPE: 1 },
		references: { account: accountRef },
	};
}

function quotation(id: number, accountRef: string, reference: string, lines: IDataObject[], key = '', changedAt = NOW): MappedRecord {
	return {
		sync: {
			entity: 'quotation',
			direction: 'forceManagerToSage',
			action: 'upsert',
			rules: ['O1'],
			key,
			source: { system: 'forceManager', entity: 'salesOrder', id: String(id), changedAt },
			label: `ForceManager sales order ${id} "${reference}"`,
			writeBack: { resource: 'salesOrder', id, fields: {} },
		},
		fields: { CUST_ORDER_NUMBER: reference },
		createOnly: { ACCOUNT_REF: accountRef, ORDER_TYPE: 9, ORDER_DATE: '2026-06-01' },
		references: { account: accountRef },
		lines,
	};
}

const params = (resource: string, conflictPolicy?: string) => ({
	resource,
	operation: 'upsert',
	dataMode: 'mapped',
	options: conflictPolicy ? { conflictPolicy } : {},
});

async function sync(resource: string, records: MappedRecord[], conflictPolicy?: string, extra = {}) {
	const out = await run(bridge, params(resource, conflictPolicy), records.map((r) => ({ json: r as unknown as IDataObject })), extra);
	return out.json as unknown as SyncResult[];
}

const customersNamed = async (prefix: string) => (await sage.table('SALES_LEDGER')).filter((r) => String(r.NAME).startsWith(prefix));

describe('A4 FM account → Sage customer', () => {
	it('A4: creates a customer with a generated ACCOUNT_REF, writes back its key; rerun → unchanged with 0 writes', async () => {
		const item = account(17, { NAME: 'Harbour Cafe Ltd', ADDRESS_1: '1 Quay St', COUNTRY_CODE: 'GB' });
		const [first] = await sync('customer', [item]);
		expect(first).toMatchObject({ status: 'created', entity: 'account', label: 'ForceManager account 17 "Harbour Cafe Ltd"' });
		expect(first.key).toMatch(/^HARBOU\d\d$/);
		expect(first.writeBack).toEqual({ resource: 'account', id: 17, fields: { readOnly: true, extId: first.key } });
		const rows = await customersNamed('Harbour');
		expect(rows).toHaveLength(1);

		await sage.resetCounters();
		const [again] = await sync('customer', [account(17, { NAME: 'Harbour Cafe Ltd', ADDRESS_1: '1 Quay St', COUNTRY_CODE: 'GB' }, first.key)]);
		expect(again).toMatchObject({ status: 'unchanged', key: first.key, writeBack: { fields: { extId: first.key } } });
		expect((await sage.counters()).writes).toBe(0);
	});

	it('A4: write-back lost (key still empty) → the same customer is found by its external reference, no second customer', async () => {
		const [first] = await sync('customer', [account(18, { NAME: 'Lost Writeback Ltd' })]);
		await sage.resetCounters();
		const [again] = await sync('customer', [account(18, { NAME: 'Lost Writeback Ltd' })]);
		expect(again).toMatchObject({ status: 'unchanged', key: first.key, writeBack: { id: 18, fields: { extId: first.key, readOnly: true } } });
		expect((await sage.counters()).writes).toBe(0);
		// Edited in FM meanwhile, still no second customer: the change is applied to the first one.
		const [edited] = await sync('customer', [account(18, { NAME: 'Lost Writeback Limited' }, '', { source: { system: 'forceManager', entity: 'account', id: '18', changedAt: '2030-01-01T00:00:00Z' } })]);
		expect(edited).toMatchObject({ status: 'updated', key: first.key, changedFields: ['NAME'] });
		expect(await customersNamed('Lost Writeback')).toHaveLength(1);
	});

	it('A4: one lookup call for many keys (refs=) and one for many new records (externalRef=)', async () => {
		const keyed = ['ABS001', 'BRO001', 'KIN001'].map((ref, i) => account(100 + i, {}, ref));
		await sage.resetCounters();
		const results = await sync('customer', [...keyed, account(200, { NAME: 'New One Ltd' }), account(201, { NAME: 'New Two Ltd' })]);
		expect(results.map((r) => r.status)).toEqual(['unchanged', 'unchanged', 'unchanged', 'created', 'created']);
		const c = await sage.counters();
		expect(count(c, 'GET', '/customers')).toBe(2);
		expect(count(c, 'GET', '/customers/{accountRef}')).toBe(0);
		expect(count(c, 'POST', '/customers')).toBe(2);
	});
});

describe('A5/C2 deletions and waiting records never reach Sage', () => {
	it('A5/C2: skip and wait items cause zero bridge requests and report their reason', async () => {
		const deleted = account(5, { NAME: 'Gone Ltd' }, 'ABS001', { action: 'skip', reason: 'A5: deletions in ForceManager never reach Sage' });
		const waiting = contact(6, '', { CONTACT_NAME: 'Wait Ing' });
		waiting.sync.action = 'wait';
		waiting.sync.reason = 'C3: ForceManager account 9 has no Sage account reference yet';
		await sage.resetCounters();
		const [a] = await sync('customer', [deleted]);
		const [b] = await sync('customerAddress', [waiting]);
		expect(a).toMatchObject({ status: 'skipped', reason: 'A5: deletions in ForceManager never reach Sage', key: 'ABS001' });
		expect(b).toMatchObject({ status: 'waiting', reason: 'C3: ForceManager account 9 has no Sage account reference yet' });
		expect(a.writeBack).toBeUndefined();
		expect((await sage.counters()).total).toBe(0);
	});
});

describe('C3 FM contact → Sage contact-type address', () => {
	it('C3: creates a contact address under the account, key "<ACCOUNT_REF>/<ADDRESS_REF>"; rerun without write-back finds it', async () => {
		const [first] = await sync('customerAddress', [contact(40, 'ABS001', { CONTACT_NAME: 'Jo Field', E_MAIL: 'jo@abs.example' })]);
		expect(first.status).toBe('created');
		expect(first.key).toMatch(/^ABS001\/\d+$/);
		expect(first.writeBack).toEqual({ resource: 'contact', id: 40, fields: { extId: first.key } });
		const addressRef = Number(first.key.split('/')[1]);
		const rows = (await sage.table('SALES_DEL_ADDR')).filter((r) => r.ACCOUNT_REF === 'ABS001' && Number(r.ADDRESS_REF) === addressRef);
		expect(rows[0]).toMatchObject({ ADDRESS_TYPE: 1, CONTACT_NAME: 'Jo Field' });
		await sage.resetCounters();
		const [again] = await sync('customerAddress', [contact(40, 'ABS001', { CONTACT_NAME: 'Jo Field', E_MAIL: 'jo@abs.example' })]);
		expect(again).toMatchObject({ status: 'unchanged', key: first.key });
		const [byKey] = await sync('customerAddress', [contact(40, 'ABS001', { CONTACT_NAME: 'Jo Field', E_MAIL: 'jo@abs.example' }, first.key)]);
		expect(byKey).toMatchObject({ status: 'unchanged', key: first.key });
		expect((await sage.counters()).writes).toBe(0);
	});
});

describe('O1 FM quotation → Sage quotation', () => {
	it('O1: created once under SAGE_BUSY retries, priced and taxed by Sage; rerun with an edited FM order → still one quotation', async () => {
		await sage.fault({ mode: 'SAGE_BUSY', count: 2, method: 'POST', route: '/sales-orders' });
		const lines = [{ STOCK_CODE: 'PAPER001', QTY_ORDER: 4 }];
		const [first] = await sync('quotation', [quotation(45, 'ABS001', 'FM-45', lines)], undefined, { creds: { maxRetries: 3 } });
		expect(first.status).toBe('created');
		expect(first.key).toMatch(/^QU:\d+$/);
		expect(first.writeBack).toEqual({ resource: 'salesOrder', id: 45, fields: { extId: first.key } });
		const number = Number(first.key.slice(3));
		const doc = (await sage.table('SALES_ORDER')).find((r) => Number(r.ORDER_NUMBER) === number)!;
		expect(doc).toMatchObject({ ORDER_TYPE: 9, CUST_ORDER_NUMBER: 'FM-45', ACCOUNT_REF: 'ABS001' });
		const line = (await sage.table('SOP_ITEM')).find((r) => Number(r.ORDER_NUMBER) === number)!;
		// Sage priced (SALES_PRICE 21.50) and taxed (T1 20 %) the line; FM sent no price.
		expect(line).toMatchObject({ UNIT_PRICE: 21.5, TAX_CODE: 'T1', NET_AMOUNT: 86, TAX_AMOUNT: 17.2 });

		// Write-back lost and the FM order edited (new reference, another quantity): same quotation.
		const edited = quotation(45, 'ABS001', 'FM-45 rev 2', [{ STOCK_CODE: 'PAPER001', QTY_ORDER: 9 }], '', '2030-01-01T00:00:00Z');
		const [again] = await sync('quotation', [edited]);
		expect(again).toMatchObject({ status: 'updated', key: first.key, changedFields: ['CUST_ORDER_NUMBER'] });
		const quotes = (await sage.table('SALES_ORDER')).filter((r) => String(r.CUST_ORDER_NUMBER).startsWith('FM-45'));
		expect(quotes).toHaveLength(1);
		// Lines and prices stay Sage's: updates touch the header only.
		expect((await sage.table('SOP_ITEM')).find((r) => Number(r.ORDER_NUMBER) === number)).toMatchObject({ QTY_ORDER: 4 });
	});

	it('O1: a retried create whose key was reused with another body links to the first quotation ("already created as")', async () => {
		const [first] = await sync('quotation', [quotation(46, 'ABS001', 'FM-46', [{ STOCK_CODE: 'BOOK001', QTY_ORDER: 1 }])]);
		// The bridge forgot the mapping lookup result (e.g. a lookup raced the create): force the create path.
		const item = quotation(46, 'ABS001', 'FM-46 edited', [{ STOCK_CODE: 'BOOK001', QTY_ORDER: 2 }], '', '2030-01-01T00:00:00Z');
		const { mappedDocuments } = await import('../../../nodes/Sage50Uki/actions/common/mappedResources');
		const { executeMapped } = await import('../../../nodes/Sage50Uki/actions/common/mapped');
		const resource = mappedDocuments(9);
		let lookups = 0;
		const racing = {
			...resource,
			async findByExternalRefs(this: never, refs: string[]) {
				lookups++;
				return lookups === 1 ? new Map() : await resource.findByExternalRefs.call(this, refs);
			},
		};
		const { createExecuteContext } = await import('../../support/n8nContext');
		const { Sage50UkiApi } = await import('../../../credentials/Sage50UkiApi.credentials');
		const { credentials } = await import('./helpers');
		const ctx = createExecuteContext({ parameters: params('quotation'), credentials: credentials(bridge), credentialTypes: [new Sage50UkiApi()] });
		const [result] = (await executeMapped.call(ctx, racing, [{ json: item as unknown as IDataObject }])).map((i) => i.json as unknown as SyncResult);
		expect(result).toMatchObject({ status: 'updated', key: first.key, reason: `already created as ${first.key}` });
		expect((await sage.table('SALES_ORDER')).filter((r) => String(r.CUST_ORDER_NUMBER).startsWith('FM-46'))).toHaveLength(1);
	});
});

describe('two-way merges against the last-synced state (C1, point 5)', () => {
	/** A contact the sync created (its state saved with the write), then edited in Sage by a person. */
	async function sageEditedContact(edit: IDataObject) {
		const [created] = await sync('customerAddress', [contact(50, 'BRO001', { CONTACT_NAME: 'Pat Two', TELEPHONE: '0161 111 1111' })]);
		const addressRef = Number(created.key.split('/')[1]);
		await sage.clock({ frozenAt: '2026-06-01T12:00:10Z' });
		await sage.patch(`/customers/BRO001/addresses/${addressRef}`, edit);
		return created.key;
	}
	const row = async (key: string) => (await sage.table('SALES_DEL_ADDR')).find((r) => `${String(r.ACCOUNT_REF)}/${String(r.ADDRESS_REF)}` === key)!;

	it('C1: FM changed the name, a person in Sage the phone → the name is written, the phone kept; no conflict, whatever the clocks say', async () => {
		const key = await sageEditedContact({ TELEPHONE: '0161 000 0000' });
		for (const [policy, changedAt] of [['sageWins', '2020-01-01T00:00:00Z'], ['latestChangeWins', '2020-01-01T00:00:00Z']] as const) {
			const [r] = await sync('customerAddress', [contact(50, 'BRO001', { CONTACT_NAME: `Pat ${policy}`, TELEPHONE: '0161 111 1111' }, key, changedAt)], policy);
			expect([policy, r.status, r.changedFields, r.conflicts]).toEqual([policy, 'updated', ['CONTACT_NAME'], undefined]);
			expect(await row(key)).toMatchObject({ CONTACT_NAME: `Pat ${policy}`, TELEPHONE: '0161 000 0000' });
		}
	});

	it('a same-field conflict follows the policy and is reported with both values: sageWins keeps Sage, forceManagerWins writes, latestChangeWins compares the clocks', async () => {
		const key = await sageEditedContact({ CONTACT_NAME: 'Pat Sage' });
		await sage.resetCounters();
		const [s] = await sync('customerAddress', [contact(50, 'BRO001', { CONTACT_NAME: 'Pat FM', TELEPHONE: '0161 111 1111' }, key, '2030-01-01T00:00:00Z')], 'sageWins');
		expect(s).toMatchObject({ status: 'conflict', conflicts: [{ field: 'CONTACT_NAME', sage: 'Pat Sage', forceManager: 'Pat FM', kept: 'sage' }] });
		expect(s.reason).toBe('CONTACT_NAME: Sage "Pat Sage" vs ForceManager "Pat FM", kept Sage');
		expect((await sage.counters()).writes).toBe(0);
		// The same FM value again is no new conflict: the pair's state says FM sent it already; Sage's
		// value differs from it, so Sage → FM carries Sage's name back (convergence on Sage).
		const [same] = await sync('customerAddress', [contact(50, 'BRO001', { CONTACT_NAME: 'Pat FM', TELEPHONE: '0161 111 1111' }, key, '2030-01-01T00:00:00Z')], 'sageWins');
		expect([same.status, same.conflicts]).toEqual(['unchanged', undefined]);
		const [older] = await sync('customerAddress', [contact(50, 'BRO001', { CONTACT_NAME: 'Pat FM 2', TELEPHONE: '0161 111 1111' }, key, '2026-06-01T12:00:05Z')], 'latestChangeWins');
		expect(older).toMatchObject({ status: 'conflict', conflicts: [{ forceManager: 'Pat FM 2', kept: 'sage' }] });
		const [f] = await sync('customerAddress', [contact(50, 'BRO001', { CONTACT_NAME: 'Pat FM 3', TELEPHONE: '0161 111 1111' }, key, '2020-01-01T00:00:00Z')], 'forceManagerWins');
		expect(f).toMatchObject({ status: 'conflict', changedFields: ['CONTACT_NAME'], conflicts: [{ sage: 'Pat Sage', forceManager: 'Pat FM 3', kept: 'forceManager' }] });
		expect((await row(key)).CONTACT_NAME).toBe('Pat FM 3');
	});
});

describe('bad records fail alone', () => {
	// Tracked by a delivery ledger (as in the templates), so failed items are reported, not thrown.
	const tracked = (record: MappedRecord): MappedRecord => ({
		...record,
		sync: { ...record.sync, delivery: { consumer: 'n8n:test:node:x', key: record.sync.source.id, version: { order: 1, tag: 't' }, lease: 'L', attempts: 0 } },
	});

	it('I5: over-long NAME, unknown stock code, on-hold account and a bad key fail with the bridge reason and field; the rest is written', async () => {
		await sage.patch('/customers/STE001', { ACCOUNT_ON_HOLD: 1 });
		// Without a delivery ledger tracking them, failed records fail the run, naming them (the rest is written).
		await expect(sync('customer', [account(60, { NAME: 'y'.repeat(61) }), account(62, { NAME: 'Also Fine Ltd' })])).rejects.toThrow(/1 of 2 customer records failed: ForceManager account 60 .*NAME/);
		expect(await customersNamed('Also Fine')).toHaveLength(1);
		const customers = await sync('customer', [account(60, { NAME: 'x'.repeat(61) }), account(61, { NAME: 'Fine Ltd' })], undefined, { continueOnFail: true });
		expect(customers[0].status).toBe('failed');
		expect(customers[0].reason).toMatch(/^ForceManager account 60 .*NAME/);
		expect(customers[0].field).toBe('NAME');
		expect(customers[1].status).toBe('created');
		// Corrected in ForceManager, the record that was refused is created (its first key stored a rejection).
		const [fixed] = await sync('customer', [account(60, { NAME: 'Short Name Ltd' })]);
		expect(fixed.status).toBe('created');

		const quotes = await sync('quotation', [
			quotation(70, 'ABS001', 'FM-70', [{ STOCK_CODE: 'NOSUCH', QTY_ORDER: 1 }]),
			quotation(71, 'STE001', 'FM-71', [{ STOCK_CODE: 'PAPER001', QTY_ORDER: 1 }]),
			quotation(72, 'ABS001', 'FM-72', [{ STOCK_CODE: 'PAPER001', QTY_ORDER: 1 }], 'SO:12'),
			quotation(73, 'ABS001', 'FM-73', [{ STOCK_CODE: 'PAPER001', QTY_ORDER: 1 }]),
		], undefined, { continueOnFail: true });
		expect(quotes.map((q) => q.status)).toEqual(['failed', 'failed', 'failed', 'created']);
		expect(quotes[0].reason).toMatch(/NOSUCH|STOCK_CODE/);
		expect(quotes[1].reason).toMatch(/on hold|ACCOUNT_ON_HOLD|STE001/i);
		expect(quotes[2].reason).toBe('ForceManager sales order 72 "FM-72": key "SO:12" is not a quotation ("QU:<ORDER_NUMBER>")');
	});

	it('I5: a typed extId the look-up cannot list, or naming no Sage address, fails alone naming extId; a refusal whose answer a proxy garbled fails its record alone (no hard error)', async () => {
		const customers = await sync('customer', [account(63, { NAME: 'Comma Ltd' }, 'AB,,CD'), account(64, { NAME: 'Fine Again Ltd' })].map(tracked));
		expect(customers.map((c) => [c.status, c.field])).toEqual([['failed', 'ACCOUNT_REF'], ['created', undefined]]);
		expect(customers[0].reason).toMatch(/^ForceManager account 63 .*ACCOUNT_REF "AB,,CD"/);

		const contacts = await sync('customerAddress', [
			contact(82, 'KIN001', { CONTACT_NAME: 'Otto Format' }, 'BRI001-1'),
			contact(83, 'KIN001', { CONTACT_NAME: 'Lou Lowercase' }, 'kin001/99'),
			contact(84, 'KIN001', { CONTACT_NAME: 'Gina Good' }),
		].map(tracked));
		expect(contacts.map((c) => [c.status, c.field])).toEqual([['failed', 'extId'], ['failed', 'extId'], ['created', undefined]]);
		expect(contacts[0].reason).toMatch(/External ID "BRI001-1" is not a Sage key/);
		expect(contacts[1].reason).toMatch(/Address KIN001\/99 \(its extId\) does not exist in Sage/);

		// The bridge refuses the first create (NAME too long); a proxy cuts its answer in half, keeping the 400.
		await sage.fault({ mode: 'truncatedJson', count: 1, method: 'POST', route: '/customers', processed: true });
		const garbled = await sync('customer', [account(65, { NAME: 'z'.repeat(61) }), account(66, { NAME: 'After Garble Ltd' })].map(tracked));
		expect(garbled.map((c) => c.status)).toEqual(['failed', 'created']);
		expect(garbled[0].reason).toMatch(/^ForceManager account 65 .*HTTP 400 and JSON cut off/);
		expect(await customersNamed('zzz')).toEqual([]);
	});

	it('I5: a tracked record a person has open in Sage (RECORD_LOCKED, SDO 93, beyond the retries) fails alone, naming it; the rest of the batch is written', async () => {
		// The first attempt and its 3 retries of the update of ABS001 meet the lock; the create after it does not.
		await sage.fault({ mode: 'RECORD_LOCKED', count: 4, method: 'PATCH', route: '/customers/{accountRef}' });
		const results = await sync('customer', [account(67, { NAME: 'Locked Name Ltd' }, 'ABS001'), account(68, { NAME: 'Unlocked Ltd' })].map(tracked), 'forceManagerWins');
		expect(results.map((r) => r.status)).toEqual(['failed', 'created']);
		expect(results[0].reason).toMatch(/^ForceManager account 67 .*RECORD_LOCKED/);
		expect(results[0].delivery).toMatchObject({ key: '67' });
		expect((await sage.table('SALES_LEDGER')).find((r) => r.ACCOUNT_REF === 'ABS001')?.NAME).not.toBe('Locked Name Ltd');
		expect(await customersNamed('Unlocked')).toHaveLength(1);
	});

	it('a contact without account reference fails alone; items that are not mapped records fail alone', async () => {
		const results = await run(bridge, params('customerAddress'), [
			{ json: contact(80, '', { CONTACT_NAME: 'No Account' }) as unknown as IDataObject },
			{ json: { hello: 'world' } },
			{ json: contact(81, 'ABS001', { CONTACT_NAME: 'Has Account' }) as unknown as IDataObject },
		], { continueOnFail: true });
		const json = results.json as unknown as SyncResult[];
		expect(json.map((r) => r.status)).toEqual(['failed', 'failed', 'created']);
		expect(json[0].reason).toMatch(/no Sage account reference/);
		expect(json[1].reason).toMatch(/not a record from the Sync Mapper/);
		expect(results.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('a bridge that is down is a hard error (the node stops) unless Continue On Fail', async () => {
		await sage.fault({ mode: 'offline', count: 20 });
		await expect(sync('customer', [account(90, { NAME: 'Down Ltd' })], undefined, { creds: { maxRetries: 0 } })).rejects.toThrow();
	});
});
