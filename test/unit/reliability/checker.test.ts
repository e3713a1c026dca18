// The reliability checker (test/reliability/checker.ts) on synthetic states of both systems: a
// consistent state passes; each planted fault (duplicate, lost update, mismatch, orphan, rule
// violation, unexplained dead letter) is caught and counted.
import type { IDataObject } from 'n8n-workflow';

import { check, decide, meetsTargets } from '../../reliability/checker';
import type { Edit } from '../../reliability/editLog';
import { emptyState, type SystemsState } from '../../reliability/state';

/** A small consistent world: customer ABS001 ⇄ account 1, contact ABS001/2 ⇄ contact 10, product, order, invoice. */
function world(): SystemsState {
	const s = emptyState();
	s.sage.SALES_LEDGER.push({ ACCOUNT_REF: 'ABS001', NAME: 'ABS Garages Ltd', ADDRESS_1: '1 High St', ADDRESS_3: 'Leeds', COUNTRY_CODE: 'GB', TELEPHONE: '0113 1', E_MAIL: 'a@abs.example', RECORD_DELETED: 0 });
	s.fm.accounts.push({ id: 1, name: 'ABS Garages Ltd', address1: '1 High St', city: 'Leeds', countryId: { id: 1, value: 'United Kingdom' }, phone: '0113 1', email: 'a@abs.example', extId: 'ABS001', readOnly: true, salesRepId1: { id: 1, value: 'Alice' }, deleted: false });
	s.sage.SALES_DEL_ADDR.push(
		{ REFERENCE: 'ABS001  0001', ACCOUNT_REF: 'ABS001', ADDRESS_REF: 1, ADDRESS_TYPE: 2, ADDRESS_1: '1 High St', RECORD_DELETED: 0 },
		{ REFERENCE: 'ABS001  0002', ACCOUNT_REF: 'ABS001', ADDRESS_REF: 2, ADDRESS_TYPE: 1, CONTACT_NAME: 'Mary Hall', E_MAIL: 'mary@abs.example', TELEPHONE: '0113 2', RECORD_DELETED: 0 },
	);
	s.fm.contacts.push({ id: 10, firstName: 'Mary', lastName: 'Hall', email: 'mary@abs.example', phone1: '0113 2', accountId: { id: 1 }, extId: 'ABS001/2', deleted: false });
	s.sage.STOCK.push(
		{ STOCK_CODE: 'BOARD001', DESCRIPTION: 'Whiteboard', ITEM_TYPE: 0, SALES_PRICE: 44.99, QTY_IN_STOCK: 10, QTY_ALLOCATED: 2, INACTIVE_FLAG: 0, RECORD_DELETED: 0 },
		{ STOCK_CODE: 'INSTALL', DESCRIPTION: 'Installation', ITEM_TYPE: 2, SALES_PRICE: 45, QTY_IN_STOCK: 0, QTY_ALLOCATED: 0, INACTIVE_FLAG: 0, RECORD_DELETED: 0 },
	);
	s.fm.products.push(
		{ id: 20, model: 'Whiteboard', price: 44.99, stock: 8, notAvailable: false, extId: 'BOARD001', readOnly: true, deleted: false },
		{ id: 21, model: 'Installation', price: 45, stock: null, notAvailable: false, extId: 'INSTALL', readOnly: true, deleted: false },
	);
	s.sage.SALES_ORDER.push({ ORDER_NUMBER: 1, ORDER_TYPE: 0, QUOTE_STATUS: 0, ACCOUNT_REF: 'ABS001', CUST_ORDER_NUMBER: 'PO-1', INVOICE_NET: 89.98, INVOICE_NUMBER: null, RECORD_DELETED: 0 });
	s.sage.SOP_ITEM.push({ ORDER_NUMBER: 1, ITEM_NUMBER: 1, STOCK_CODE: 'BOARD001', QTY_ORDER: 2 }, { ORDER_NUMBER: 1, ITEM_NUMBER: 2, STOCK_CODE: 'M', QTY_ORDER: 0 });
	s.fm.salesorders.push({ id: 30, reference: 'PO-1', total: 89.98, statusId: { id: 2 }, accountId: { id: 1 }, extId: 'SO:1', readOnly: true, deleted: false });
	s.fm.salesordersLines.push({ id: 31, salesorderId: { id: 30 }, productId: { id: 20 }, quantity: 2, deleted: false });
	s.sage.INVOICE.push({ INVOICE_NUMBER: 5, INVOICE_TYPE: 3, INVOICE_DATE: '2026-03-01', ACCOUNT_REF: 'ABS001', INVOICE_GROSS: 12, RECORD_DELETED: 0 });
	s.fm.sales.push({ id: 40, total: -12, date: '2026-03-01T00:00:00Z', accountId: { id: 1 }, extId: 'INV:5', deleted: 0 });
	return s;
}

let seq = 0;
function edit(e: Partial<Edit> & Pick<Edit, 'side' | 'entity' | 'record'>): Edit {
	seq++;
	return { seq, gap: 1, at: '2026-01-01T00:00:00Z', op: 'update', fields: {}, ...e };
}

const counts = (state: SystemsState, log: Edit[] = [], deadLetters: IDataObject[] = []) =>
	check({ state, log, deadLetters: deadLetters as never }).counts;

describe('reliability checker on synthetic states', () => {
	test('a consistent state: every record paired, nothing to report, targets met', () => {
		const report = check({ state: world() });
		expect(report.findings).toEqual([]);
		expect(report.counts).toMatchObject({ pairs: 6, recordsChecked: 6, duplicates: 0, lostUpdates: 0, mismatches: 0, orphans: 0, ruleViolations: 0 });
		expect(meetsTargets(report)).toEqual({ ok: true, failed: [] });
	});

	test('duplicates: two live FM accounts with one extId; two Sage customers for one FM-born account (its token)', () => {
		const s = world();
		s.fm.accounts.push({ ...s.fm.accounts[0], id: 2 });
		expect(counts(s).duplicates).toBe(1);

		const t = world();
		t.fm.accounts.push({ id: 3, name: 'Oak Print s7n1', readOnly: true, extId: 'OAKPRI01', salesRepId1: 3, deleted: false });
		t.sage.SALES_LEDGER.push({ ACCOUNT_REF: 'OAKPRI01', NAME: 'Oak Print s7n1', RECORD_DELETED: 0 }, { ACCOUNT_REF: 'OAKPRI02', NAME: 'Oak Print s7n1', RECORD_DELETED: 0 });
		const log = [edit({ side: 'fm', entity: 'account', op: 'create', record: '3', token: 's7n1', fields: { name: 'Oak Print s7n1' }, body: { salesRepId1: 3 } })];
		const report = check({ state: t, log });
		expect(report.findings.filter((f) => f.kind === 'duplicate').map((f) => f.detail)).toEqual([expect.stringContaining('OAKPRI01, OAKPRI02')]);
		// the second Sage copy has no FM twin either
		expect(report.counts.orphans).toBe(1);
		// a token must match as a word: s7n1 is not s7n12
		t.sage.SALES_LEDGER[2].NAME = 'Oak Print s7n12';
		expect(check({ state: t, log }).counts.duplicates).toBe(0);
	});

	test('mismatch: a pair whose mapped fields differ (named field by field); lines and status of orders, sale sign for credit notes', () => {
		const s = world();
		s.fm.contacts[0].phone1 = '0113 999';
		s.fm.salesordersLines[0].quantity = 3;
		s.fm.sales[0].total = 12;
		const report = check({ state: s });
		const details = report.findings.filter((f) => f.kind === 'mismatch').map((f) => `${f.entity} ${f.detail}`);
		expect(details).toEqual([
			expect.stringMatching(/^contact phone1 .*"0113 2" ≠ ForceManager "0113 999"/),
			expect.stringMatching(/^order lines .*BOARD001×2\.00" ≠ ForceManager "BOARD001×3\.00"/),
			expect.stringMatching(/^sale total .*"-12\.00" ≠ ForceManager "12\.00"/),
		]);
		expect(meetsTargets(report).ok).toBe(false);
	});

	test('lost update: a person\'s edit only on its own side, or overwritten on both sides', () => {
		const s = world();
		s.fm.contacts[0].email = 'new@abs.example';
		const log = [edit({ side: 'fm', entity: 'contact', record: '10', fields: { email: 'new@abs.example' }, before: { email: 'mary@abs.example' } })];
		let report = check({ state: s, log });
		expect(report.counts).toMatchObject({ lostUpdates: 1, mismatches: 1 });
		expect(report.findings.find((f) => f.kind === 'lostUpdate')?.detail).toMatch(/email: ForceManager edit #\d+ .* only in ForceManager/);

		// An echo put the old value back on both sides: no mismatch, still a lost update.
		const t = world();
		const sageEdit = [edit({ side: 'sage', entity: 'contact', record: 'ABS001/2', fields: { phone1: '0113 777' }, before: { phone1: '0113 2' } })];
		report = check({ state: t, log: sageEdit });
		expect(report.counts).toMatchObject({ lostUpdates: 1, mismatches: 0 });
		expect(report.findings[0].detail).toMatch(/on neither side/);
	});

	test('same-field conflict: edits that crossed are decided for Sage; a later edit made after seeing the other side wins', () => {
		const crossed = [
			edit({ side: 'fm', entity: 'contact', record: '10', fields: { email: 'fm@abs.example' }, before: { email: 'mary@abs.example' } }),
			edit({ side: 'sage', entity: 'contact', record: 'ABS001/2', fields: { email: 'sage@abs.example' }, before: { email: 'mary@abs.example' } }),
		];
		const s = world();
		s.sage.SALES_DEL_ADDR[1].E_MAIL = 'sage@abs.example';
		s.fm.contacts[0].email = 'sage@abs.example';
		expect(counts(s, crossed)).toMatchObject({ lostUpdates: 0, conflicts: 1 });
		// The product kept ForceManager's value: Sage's edit is lost.
		s.sage.SALES_DEL_ADDR[1].E_MAIL = 'fm@abs.example';
		s.fm.contacts[0].email = 'fm@abs.example';
		expect(counts(s, crossed)).toMatchObject({ lostUpdates: 1, conflicts: 1 });
		// The FM person saw Sage's value first: their later edit wins, no conflict.
		const informed = [crossed[1], edit({ side: 'fm', entity: 'contact', record: '10', fields: { email: 'fm2@abs.example' }, before: { email: 'sage@abs.example' } })];
		expect(decide(informed, 'email').winner).toBe(informed[1]);
		expect(decide(crossed, 'email')).toEqual({ winner: crossed[1], conflicts: [{ sage: crossed[1], fm: crossed[0] }] });
	});

	test('different-field edits on both sides must both survive', () => {
		const log = [
			edit({ side: 'sage', entity: 'contact', record: 'ABS001/2', fields: { phone1: '0113 555' }, before: { phone1: '0113 2' } }),
			edit({ side: 'fm', entity: 'contact', record: '10', fields: { email: 'both@abs.example' }, before: { email: 'mary@abs.example' } }),
		];
		const s = world();
		s.sage.SALES_DEL_ADDR[1].TELEPHONE = '0113 555';
		s.fm.contacts[0].phone1 = '0113 555';
		s.fm.contacts[0].email = 'both@abs.example';
		expect(counts(s, log).lostUpdates).toBe(1); // Sage never got the FM e-mail
		s.sage.SALES_DEL_ADDR[1].E_MAIL = 'both@abs.example';
		expect(counts(s, log)).toMatchObject({ lostUpdates: 0, mismatches: 0, conflicts: 0 });
	});

	test('FM edits of one-way fields are not expectations (an order\'s total comes from Sage); edits of deleted records are not judged', () => {
		const s = world();
		const log = [
			edit({ side: 'fm', entity: 'order', record: '30', fields: { total: '1.00', status: 'quote' } }),
			edit({ side: 'fm', entity: 'contact', record: '10', fields: { email: 'gone@abs.example' } }),
			edit({ side: 'fm', entity: 'contact', record: '10', op: 'delete', fields: {} }),
		];
		expect(counts(s, log).lostUpdates).toBe(0);
	});

	test('orphans: a Sage record with no FM twin; an FM prospect and its contact that never reached Sage; not a contact whose account a person deleted', () => {
		const s = world();
		s.sage.SALES_LEDGER.push({ ACCOUNT_REF: 'KIN001', NAME: 'Kinnerton Cafe', RECORD_DELETED: 0 });
		s.fm.accounts.push({ id: 5, name: 'Fresh Prospect', readOnly: false, deleted: false }, { id: 6, name: 'Gone Prospect', readOnly: false, deleted: true });
		s.fm.contacts.push({ id: 11, firstName: 'Owen', lastName: 'Price', accountId: { id: 5 }, deleted: false }, { id: 12, firstName: 'Ada', lastName: 'Lane', accountId: { id: 6 }, deleted: false });
		const log = [edit({ side: 'fm', entity: 'contact', op: 'create', record: '11', invalid: 'name too long', fields: {} })];
		const report = check({ state: s, log });
		expect(report.findings.filter((f) => f.kind === 'orphan').map((f) => f.key)).toEqual(['KIN001', 'fm#5', 'fm#11']);
		expect(report.findings.find((f) => f.key === 'fm#11')?.detail).toMatch(/expected in the dead-letter list/);
		// Dead-lettered with a reason: not an orphan, and explained.
		const parked = check({ state: s, log, deadLetters: [{ entity: 'contact', key: '11', reason: 'FIELD_TOO_LONG CONTACT_NAME' }] });
		expect(parked.counts).toMatchObject({ orphans: 2, deadLettered: 1, deadLetteredExplained: 1 });
	});

	test('write-back missing: Sage created a customer for an FM account (external reference) whose extId never came back', () => {
		const s = world();
		s.fm.accounts.push({ id: 7, name: 'Harbour Lights', readOnly: false, salesRepId1: 3, deleted: false });
		s.sage.SALES_LEDGER.push({ ACCOUNT_REF: 'HARBOU01', NAME: 'Harbour Lights', RECORD_DELETED: 0 });
		s.sage.BRIDGE_EXTERNAL_REFS.push({ ENTITY: 'customers', EXTERNAL_REF: 'forceManager:account:7', RECORD_KEY: 'HARBOU01' });
		const report = check({ state: s });
		expect(report.findings.map((f) => [f.kind, f.key])).toEqual([['mismatch', 'HARBOU01']]);
		expect(report.findings[0].detail).toMatch(/never written back/);
	});

	test('rule violations: A3, A6, A5, P2, C3, O2, U2', () => {
		const s = world();
		s.fm.accounts[0].readOnly = false; // A3
		s.fm.products[1].stock = 0; // P2 (service item)
		s.fm.salesorders[0].readOnly = false; // O2
		s.sage.SALES_LEDGER.push({ ACCOUNT_REF: 'STE001', NAME: 'Steel', RECORD_DELETED: 1 });
		s.fm.accounts.push({ id: 8, name: 'Steel', extId: 'STE001', readOnly: true, salesRepId1: 1, deleted: false }); // A6 + A5 (nobody deleted it in Sage)
		s.fm.contacts.push({ id: 13, firstName: 'Depot', lastName: 'One', accountId: { id: 1 }, extId: 'ABS001/1', deleted: false }); // C3
		s.fm.accounts.push({ id: 9, name: 'Own Rep Ltd', extId: 'OWN001', readOnly: true, salesRepId1: { id: 1 }, deleted: false });
		s.sage.SALES_LEDGER.push({ ACCOUNT_REF: 'OWN001', NAME: 'Own Rep Ltd', RECORD_DELETED: 0 });
		const log = [edit({ side: 'fm', entity: 'account', op: 'create', record: '9', fields: { name: 'Own Rep Ltd' }, body: { salesRepId1: 4 } })]; // U2
		const rules = check({ state: s, log }).findings.filter((f) => f.kind === 'violation').map((f) => f.rule).sort();
		expect(rules).toEqual(['A3', 'A5', 'A6', 'C3', 'O2', 'P2', 'U2']);
		// A person deleted STE001 in Sage: A5 no longer applies (A6 still does).
		const deleted = [...log, edit({ side: 'sage', entity: 'account', op: 'delete', record: 'STE001' })];
		expect(check({ state: s, log: deleted }).findings.filter((f) => f.kind === 'violation').map((f) => f.rule).sort()).toEqual(['A3', 'A6', 'C3', 'O2', 'P2', 'U2']);
	});

	test('an FM deletion stays in ForceManager (A5/C2): the Sage contact without a live twin is not an orphan', () => {
		const s = world();
		s.fm.contacts[0].deleted = true;
		expect(counts(s).orphans).toBe(1);
		expect(counts(s, [edit({ side: 'fm', entity: 'contact', op: 'delete', record: '10' })]).orphans).toBe(0);
	});

	test('dead letters must be explained', () => {
		const report = check({ state: world(), deadLetters: [{ entity: 'account', key: 'ABS001' }] });
		expect(report.counts).toMatchObject({ deadLettered: 1, deadLetteredExplained: 0 });
		expect(meetsTargets(report).failed).toEqual(['1 dead letters without a reason']);
	});
});
