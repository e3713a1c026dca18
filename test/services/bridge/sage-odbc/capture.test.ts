// Change capture on a real Sage company, which has no change feed: people's edits are written straight
// into the Sage-shaped tables (as Sage's own program would) and the adapter, polling through unixODBC
// with the dialect guard on, must journal each one exactly once with the simulated company's semantics:
// NULL modify dates, same-second edits, edits during a capture pass, soft deletes (RECORD_DELETED),
// hard deletes (+ DELETED_RECORDS) and deletions found only by the key listing; writes made through
// the SageWriter journaled as the bridge's, and not again as people's.
import type { ChangeEntity, JournalEntry } from '../../../../bridge/src/adapter';
import { DeliveryLedger } from '../../../../bridge/src/delivery/ledger';
import type { SageOdbcAdapter } from '../../../../bridge/src/sage/adapter';
import { openSageTestCompany, type SageTestCompany } from '../../../support/sageOdbc/company';
import { StubSageWriter } from '../../../support/sageOdbc/stubWriter';

let company: SageTestCompany;
let adapter: SageOdbcAdapter;

/** Journal entries after `after`, newest per record. */
const entries = (entity: ChangeEntity, after: number): JournalEntry[] => adapter.capture['journal'].entries(entity, after, 5000);

async function pass(seconds = 5, listing = false): Promise<void> {
	company.clock.advance(seconds);
	await adapter.capture.pass({ listing });
}

beforeEach(async () => {
	company = openSageTestCompany('demo');
	adapter = company.adapter({ writer: new StubSageWriter(company.sage, company.stamp), config: { capture: { intervalSeconds: 30, overlapSeconds: 120, keyListingMinutes: 15 } } });
	await adapter.capture.pass();
});

afterEach(async () => {
	await company.close();
});

describe('baseline', () => {
	test('the first pass journals every record once as created by Sage; a second pass adds nothing', async () => {
		const customers = entries('customers', 0);
		expect(customers.map((e) => e.key).sort()).toEqual(['A1D001', 'ABS001', 'BRO001', 'BUS001', 'COM001', 'DUB001', 'KIN001', 'STE001']);
		expect(customers.every((e) => e.createdSeq === e.seq && !e.deleted)).toBe(true);
		expect(entries('addresses', 0)).toHaveLength(10);
		expect(entries('products', 0)).toHaveLength(9);
		expect(entries('sales-orders', 0)).toHaveLength(5);
		expect(entries('invoices', 0)).toHaveLength(4);
		const head = await adapter.journalHead('customers');
		await pass();
		await pass(60 * 16);
		expect(await adapter.journalHead('customers')).toBe(head);
	});
});

test('each pass reports what it read and journaled (for the bridge\'s log); the key listing reads every record, a pass by modify date only the changed', async () => {
	// The pass after the first re-reads what changed within the overlap before it; the next is quiet.
	company.clock.advance(300);
	await adapter.capture.pass();
	company.clock.advance(200);
	const quiet = await adapter.capture.pass();
	expect(quiet).toMatchObject({ read: 0, journaled: 0, listed: [] });
	company.clock.advance(10);
	company.edit('SALES_LEDGER', 'ACCOUNT_REF', 'ABS001', { TELEPHONE: '0117 000 0001' });
	company.clock.advance(200);
	const edited = await adapter.capture.pass();
	expect(edited).toMatchObject({ read: 1, journaled: 1, listed: [] });
	company.clock.advance(200);
	const listing = await adapter.capture.pass({ listing: true });
	expect(listing).toMatchObject({ read: 8 + 10 + 9 + 5 + 4, journaled: 0, listed: ['customers', 'addresses', 'products', 'sales-orders', 'invoices'] });
	expect(listing.ms).toBeGreaterThanOrEqual(0);
});

test('the capture timer runs a pass every interval counted from the end of the last, hands each summary on, and stops', async () => {
	const timed = company.adapter({ writer: new StubSageWriter(company.sage, company.stamp), config: { capture: { intervalSeconds: 1, overlapSeconds: 120, keyListingMinutes: 15 } } });
	const passes: number[] = [];
	const errors: unknown[] = [];
	timed.startCapture((e) => errors.push(e), (summary) => passes.push(summary.read));
	await new Promise((r) => setTimeout(r, 2600));
	timed.capture.stop();
	const seen = passes.length;
	await new Promise((r) => setTimeout(r, 1300));
	expect(errors).toEqual([]);
	expect(seen).toBeGreaterThanOrEqual(2);
	// The first pass of a new local database lists every record; the next ones read nothing new.
	expect(passes[0]).toBe(8 + 10 + 9 + 5 + 4);
	expect(passes.length).toBe(seen);
});

test('capture pages through a table larger than one capture page (500 rows), by key listing and by modify date', async () => {
	const insert = company.sage.prepare('INSERT INTO SALES_LEDGER (ACCOUNT_REF, NAME, RECORD_CREATE_DATE, RECORD_MODIFY_DATE) VALUES (?, ?, ?, ?)');
	company.clock.advance(10);
	company.sage.exec('BEGIN');
	for (let i = 1; i <= 1200; i++) insert.run(`BULK${String(i).padStart(4, '0')}`, `Bulk customer ${i}`, company.stamp(), company.stamp());
	company.sage.exec('COMMIT');
	const head = await adapter.journalHead('customers');
	await pass();
	expect(entries('customers', head)).toHaveLength(1200);
	await pass(15 * 60);
	expect(entries('customers', head)).toHaveLength(1200);
});

describe('people’s edits in Sage', () => {
	test('an edit stamped with RECORD_MODIFY_DATE is journaled as an update by Sage, once', async () => {
		const head = await adapter.journalHead('customers');
		company.clock.advance(10);
		company.edit('SALES_LEDGER', 'ACCOUNT_REF', 'ABS001', { NAME: 'ABS Garages (Bridgend) Ltd' });
		await pass();
		const page = await adapter.changes('customers', head, 50);
		expect(page.items).toHaveLength(1);
		expect(page.items[0]).toMatchObject({ key: 'ABS001', change: 'updated', source: 'sage', record: { NAME: 'ABS Garages (Bridgend) Ltd', EXTERNAL_REF: null } });
		await pass();
		expect(entries('customers', head)).toHaveLength(1);
	});

	test('a save that changes nothing but the modify date is no change (as in the simulator)', async () => {
		const head = await adapter.journalHead('customers');
		company.clock.advance(10);
		company.edit('SALES_LEDGER', 'ACCOUNT_REF', 'KIN001', {});
		await pass();
		expect(entries('customers', head)).toEqual([]);
	});

	test('same-second edits: a second edit stamped with the same second as the first is still captured', async () => {
		company.clock.advance(10);
		company.edit('STOCK', 'STOCK_CODE', 'PAPER001', { SALES_PRICE: 22 });
		await adapter.capture.pass();
		const head = await adapter.journalHead('products');
		// Same clock second as the pass that just read the first edit.
		company.edit('STOCK', 'STOCK_CODE', 'PAPER001', { SALES_PRICE: 23 });
		await adapter.capture.pass();
		expect(entries('products', head).map((e) => e.key)).toEqual(['PAPER001']);
		expect((await adapter.records('products', ['PAPER001'])).get('PAPER001')).toMatchObject({ SALES_PRICE: 23 });
	});

	test('an edit during a capture pass (after its page was read) is captured by the next pass', async () => {
		const head = await adapter.journalHead('customers');
		company.clock.advance(10);
		company.edit('SALES_LEDGER', 'ACCOUNT_REF', 'BRO001', { TELEPHONE: '0191 000 0001' });
		let edited = false;
		(adapter.sql as import('../../../support/sageOdbc/company').HookedConnection).hook = (sql) => {
			// The pass has read SALES_LEDGER's changed page; a person edits the same record before it ends.
			if (!edited && sql.includes('FROM SALES_DEL_ADDR')) {
				edited = true;
				company.edit('SALES_LEDGER', 'ACCOUNT_REF', 'BRO001', { TELEPHONE: '0191 000 0002' });
			}
		};
		await pass();
		expect(edited).toBe(true);
		expect(entries('customers', head)).toHaveLength(1);
		const mid = await adapter.journalHead('customers');
		await pass();
		const after = await adapter.changes('customers', mid, 50);
		expect(after.items.map((c) => [c.key, c.record.TELEPHONE])).toEqual([['BRO001', '0191 000 0002']]);
	});

	test('an edit Sage stamped with a NULL modify date is found by the key listing and compared by content', async () => {
		const head = await adapter.journalHead('products');
		company.edit('STOCK', 'STOCK_CODE', 'BOARD001', { DESCRIPTION: 'Whiteboard - Magnetic', RECORD_MODIFY_DATE: null });
		await pass();
		expect(entries('products', head)).toEqual([]);
		await pass(15 * 60);
		const page = await adapter.changes('products', head, 50);
		expect(page.items.map((c) => [c.key, c.change, c.record.DESCRIPTION])).toEqual([['BOARD001', 'updated', 'Whiteboard - Magnetic']]);
		// The NULL modify date reads as the creation time (the contract's timestamps are never null).
		expect(page.items[0].record.RECORD_MODIFY_DATE).toBe(page.items[0].record.RECORD_CREATE_DATE);
	});

	test('a record a person creates is journaled as created; a change to a document line updates its order', async () => {
		const head = await adapter.journalHead('customers');
		company.clock.advance(10);
		company.sage
			.prepare('INSERT INTO SALES_LEDGER (ACCOUNT_REF, NAME, RECORD_CREATE_DATE, RECORD_MODIFY_DATE) VALUES (?, ?, ?, ?)')
			.run('NEW001', 'New Customer Ltd', company.stamp(), company.stamp());
		const orders = await adapter.journalHead('sales-orders');
		company.sage.prepare('UPDATE SOP_ITEM SET QTY_ORDER = 3, RECORD_MODIFY_DATE = ? WHERE ORDER_NUMBER = 1 AND ITEM_NUMBER = 1').run(company.stamp());
		await pass();
		const created = await adapter.changes('customers', head, 50);
		expect(created.items.map((c) => [c.key, c.change, c.source])).toEqual([['NEW001', 'created', 'sage']]);
		const changed = await adapter.changes('sales-orders', orders, 50);
		expect(changed.items.map((c) => [c.key, c.change])).toEqual([['1', 'updated']]);
		expect((changed.items[0].record.ITEMS as Array<{ QTY_ORDER: number }>)[0].QTY_ORDER).toBe(3);
	});
});

describe('deletions', () => {
	test('soft delete (RECORD_DELETED = 1) is journaled as deleted; the feed shows the deleted record', async () => {
		const head = await adapter.journalHead('customers');
		company.clock.advance(10);
		company.edit('SALES_LEDGER', 'ACCOUNT_REF', 'STE001', { RECORD_DELETED: 1 });
		await pass();
		const page = await adapter.changes('customers', head, 50);
		expect(page.items.map((c) => [c.key, c.change, c.record.RECORD_DELETED])).toEqual([['STE001', 'deleted', 1]]);
		expect(entries('customers', head)[0].deleted).toBe(true);
	});

	test('hard delete with a DELETED_RECORDS row is found at the next pass, with the record’s last state', async () => {
		const head = await adapter.journalHead('addresses');
		company.clock.advance(10);
		company.sage.prepare('DELETE FROM SALES_DEL_ADDR WHERE REFERENCE = ?').run('KIN001  0002');
		company.sage
			.prepare('INSERT INTO DELETED_RECORDS (TABLE_ID, FOREIGN_REF, DELETION_DATE_TIME, FOREIGN_REF_TYPE, RECORD_CREATE_DATE, RECORD_MODIFY_DATE) VALUES (?, ?, ?, ?, ?, ?)')
			.run(7, 'KIN001  0002', company.stamp(), 1, company.stamp(), company.stamp());
		await pass();
		const page = await adapter.changes('addresses', head, 50);
		expect(page.items.map((c) => [c.key, c.change, c.record.DESCRIPTION, c.record.RECORD_DELETED])).toEqual([['KIN001  0002', 'deleted', 'Kitchen door', 1]]);
	});

	test('hard delete without DELETED_RECORDS is found by the periodic key listing only', async () => {
		const head = await adapter.journalHead('products');
		company.sage.prepare('DELETE FROM STOCK WHERE STOCK_CODE = ?').run('TONER01');
		await pass();
		expect(entries('products', head)).toEqual([]);
		await pass(15 * 60);
		const page = await adapter.changes('products', head, 50);
		expect(page.items.map((c) => [c.key, c.change, c.record.DESCRIPTION])).toEqual([['TONER01', 'deleted', 'Toner cartridge (drop-shipped)']]);
	});

	test('a deleted reference reused in Sage is created anew', async () => {
		company.clock.advance(10);
		company.edit('SALES_LEDGER', 'ACCOUNT_REF', 'COM001', { RECORD_DELETED: 1 });
		await pass();
		const head = await adapter.journalHead('customers');
		company.sage.prepare('DELETE FROM SALES_LEDGER WHERE ACCOUNT_REF = ?').run('COM001');
		company.sage.prepare('INSERT INTO SALES_LEDGER (ACCOUNT_REF, NAME, RECORD_CREATE_DATE, RECORD_MODIFY_DATE) VALUES (?, ?, ?, ?)').run('COM001', 'Compton Packaging (new)', company.stamp(), company.stamp());
		await pass();
		const page = await adapter.changes('customers', head, 50);
		expect(page.items.map((c) => [c.key, c.change])).toEqual([['COM001', 'created']]);
	});
});

describe('writes through the SageWriter', () => {
	test('a create is read back, journaled once as the bridge’s (not again as a person’s) and keeps its external reference', async () => {
		const head = await adapter.journalHead('customers');
		company.clock.advance(10);
		const created = await adapter.createCustomer({ ACCOUNT_REF: 'fmc001', NAME: 'From ForceManager Ltd' }, { idempotencyKey: 'k1', externalRef: 'forceManager:account:17' });
		expect(created).toMatchObject({ ACCOUNT_REF: 'FMC001', NAME: 'From ForceManager Ltd', EXTERNAL_REF: 'forceManager:account:17' });
		await pass();
		await pass(15 * 60);
		const page = await adapter.changes('customers', head, 50);
		expect(page.items.map((c) => [c.key, c.change, c.source])).toEqual([['FMC001', 'created', 'bridge']]);
		expect(page.items[0].record.EXTERNAL_REF).toBe('forceManager:account:17');
		expect((await adapter.listCustomers({ limit: 10, includeDeleted: false, externalRefs: ['forceManager:account:17'] })).items.map((c) => c.ACCOUNT_REF)).toEqual(['FMC001']);
		await expect(adapter.createCustomer({ ACCOUNT_REF: 'FMC002', NAME: 'x' }, { idempotencyKey: 'k2', externalRef: 'forceManager:account:17' })).rejects.toMatchObject({ code: 'EXTERNAL_REF_EXISTS' });
		// A person then edits it in Sage: that change is Sage's.
		company.clock.advance(10);
		company.edit('SALES_LEDGER', 'ACCOUNT_REF', 'FMC001', { TELEPHONE: '0113 000 0000' });
		await pass();
		const next = await adapter.changes('customers', Number(page.cursor), 50);
		expect(next.items.map((c) => [c.key, c.change, c.source])).toEqual([['FMC001', 'updated', 'sage']]);
	});

	test('updates, addresses and sales orders: written, read back, journaled as the bridge’s', async () => {
		company.clock.advance(10);
		const updated = await adapter.updateCustomer('kin001', { TELEPHONE: '020 7000 0000' }, { idempotencyKey: 'k3' });
		expect(updated).toMatchObject({ ACCOUNT_REF: 'KIN001', TELEPHONE: '020 7000 0000' });
		const contact = await adapter.createAddress('KIN001', { ADDRESS_TYPE: 1, CONTACT_NAME: 'Sam Lee' }, { idempotencyKey: 'k4', externalRef: 'forceManager:contact:5' });
		expect(contact).toMatchObject({ REFERENCE: 'KIN001  0004', ADDRESS_REF: 4, ADDRESS_TYPE_NAME: 'Contact', EXTERNAL_REF: 'forceManager:contact:5' });
		const order = await adapter.createSalesOrder({ ACCOUNT_REF: 'KIN001', ORDER_TYPE: 9, ITEMS: [{ STOCK_CODE: 'BOOK001', QTY_ORDER: 2 }] }, { idempotencyKey: 'k5' });
		expect(order).toMatchObject({ ORDER_NUMBER: 6, ORDER_TYPE: 9, QUOTE_STATUS: 1, EXTERNAL_REF: null });
		const won = await adapter.updateSalesOrder(6, { QUOTE_STATUS: 2 }, { idempotencyKey: 'k6' });
		expect(won).toMatchObject({ QUOTE_STATUS: 2, QUOTE_STATUS_NAME: 'Won' });
		for (const entity of ['customers', 'addresses', 'sales-orders'] as const) {
			const page = await adapter.changes(entity, 0, 100);
			expect(page.items.filter((c) => c.source === 'bridge').length).toBe(1);
		}
	});

	test('the delivery ledger leases the captured changes from the local database', async () => {
		const ledger = new DeliveryLedger(adapter.local, company.clock, adapter);
		const options = { source: 'sage' as const, entity: 'customers', start: 'now' as const, limit: 10, leaseSeconds: 60 };
		expect((await ledger.lease('sage-customers', options)).items).toEqual([]);
		// Older than the capture interval: serving the journal runs a pass first.
		company.clock.advance(40);
		company.edit('SALES_LEDGER', 'ACCOUNT_REF', 'DUB001', { E_MAIL: 'new@dpw.example' });
		const leased = await ledger.lease('sage-customers', options);
		expect(leased.items.map((c) => [c.key, c.event])).toEqual([['DUB001', 'updated']]);
	});
});

describe('Sage unreachable', () => {
	test('the journal is served as it was while a pass fails; health says why; the next pass catches up', async () => {
		const connection = adapter.sql as import('../../../support/sageOdbc/company').HookedConnection;
		const head = await adapter.journalHead('customers');
		company.clock.advance(40);
		company.edit('SALES_LEDGER', 'ACCOUNT_REF', 'A1D001', { TELEPHONE: '01253 000 000' });
		connection.hook = () => {
			throw new Error('ODBC: [Sage] the data path is not available');
		};
		expect(await adapter.journalHead('customers')).toBe(head);
		const status = await adapter.status();
		expect(status.odbc.state).toBe('error');
		expect(status.capture.lastError).toMatch(/data path is not available/);
		expect(await adapter.health()).toMatchObject({ status: 'degraded' });
		connection.hook = undefined;
		expect(await adapter.journalHead('customers')).toBeGreaterThan(head);
		expect(entries('customers', head).map((e) => e.key)).toEqual(['A1D001']);
		expect((await adapter.status()).capture).toEqual({ lastPassAt: company.clock.now().toISOString() });
	});
});

describe('read-only mode (no SDO)', () => {
	test('every write answers READ_ONLY naming Sage Data Objects and the configuration key; reads and capture work', async () => {
		const ro = company.adapter({ config: { sdo: { enabled: false } } });
		const ctx = { idempotencyKey: 'k' };
		const writes = [
			() => ro.createCustomer({ NAME: 'x' }, ctx),
			() => ro.updateCustomer('ABS001', { NAME: 'x' }, ctx),
			() => ro.createAddress('ABS001', { ADDRESS_TYPE: 1, CONTACT_NAME: 'x' }, ctx),
			() => ro.updateAddress('ABS001', 1, { NAME: 'x' }, ctx),
			() => ro.createSalesOrder({ ACCOUNT_REF: 'ABS001', ITEMS: [{ STOCK_CODE: 'BOOK001' }] }, ctx),
			() => ro.updateSalesOrder(1, { NOTES_1: 'x' }, ctx),
		];
		for (const write of writes) {
			const error = await write().catch((e: unknown) => e);
			expect(error).toMatchObject({ code: 'READ_ONLY', status: 501, retryable: false });
			expect((error as Error).message).toMatch(/Sage Data Objects/);
			expect((error as Error).message).toMatch(/sage\.sdo\.enabled/);
		}
		expect(await ro.getCustomer('ABS001')).toMatchObject({ NAME: 'ABS Garages Ltd' });
		expect(await ro.journalHead('customers')).toBeGreaterThan(0);
		expect(await ro.health()).toMatchObject({ status: 'ok', adapter: 'sage (read-only)', company: 'Sage 50 Demo Company Ltd' });
	});
});
