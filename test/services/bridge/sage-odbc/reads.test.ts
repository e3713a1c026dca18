// The Sage adapter's reads, through a real driver manager (unixODBC + the SQLite ODBC driver) with the
// Sage dialect guard on, against the simulated adapter's output for the same seeded demo company: every
// read method returns exactly the simulator's shapes and values (Sage's ODBC names mapped, money
// rounded once, UK timestamps). Users are not read from Sage (it has no users table): users.test.ts.
import type { ListQuery, SageAdapter } from '../../../../bridge/src/adapter';
import { seedCompany } from '../../../../bridge/src/seed/demo';
import type { SageOdbcAdapter } from '../../../../bridge/src/sage/adapter';
import { SimulatedSageAdapter } from '../../../../bridge/src/sim/adapter';
import { SimulatedCompany } from '../../../../bridge/src/sim/company';
import { BridgeClock } from '../../../../bridge/src/time';
import { type HookedConnection, openSageTestCompany, type SageTestCompany, SEEDED_AT } from '../../../support/sageOdbc/company';

const all: ListQuery = { limit: 500, includeDeleted: true };

let company: SageTestCompany;
let sage: SageOdbcAdapter;
let sim: SageAdapter;

beforeAll(() => {
	company = openSageTestCompany('demo');
	sage = company.adapter();
	const clock = new BridgeClock();
	clock.freeze(SEEDED_AT);
	const simulated = new SimulatedCompany(':memory:', clock);
	seedCompany(simulated, 'demo');
	sim = new SimulatedSageAdapter(simulated);
});

afterAll(async () => {
	await sim.close();
	await company.close();
});

const statements = () => (sage.sql as HookedConnection).statements;

describe('Sage adapter reads = simulated adapter reads (same demo company)', () => {
	test('customers: list, filters and each by key', async () => {
		const expected = await sim.listCustomers(all);
		expect(expected.items.length).toBeGreaterThan(5);
		expect(await sage.listCustomers(all)).toEqual(expected);
		expect(await sage.listCustomers({ limit: 50, includeDeleted: false, keys: ['ABS001', 'KIN001'] })).toEqual(await sim.listCustomers({ limit: 50, includeDeleted: false, keys: ['ABS001', 'KIN001'] }));
		const since = SEEDED_AT.getTime() / 1000;
		expect(await sage.listCustomers({ ...all, modifiedSince: since })).toEqual(await sim.listCustomers({ ...all, modifiedSince: since }));
		expect((await sage.listCustomers({ ...all, modifiedSince: since + 1 })).items).toEqual([]);
		for (const c of expected.items) expect(await sage.getCustomer(String(c.ACCOUNT_REF).toLowerCase())).toEqual(c);
		expect(await sage.getCustomer('NOPE01')).toBeUndefined();
	});

	test('addresses and contacts: all, per customer, per type, each by key', async () => {
		expect(await sage.listAddresses(all)).toEqual(await sim.listAddresses(all));
		for (const q of [{ ...all, accountRef: 'a1d001' }, { ...all, addressType: 1 }, { ...all, accountRef: 'KIN001', addressType: 0 }]) {
			expect(await sage.listAddresses(q)).toEqual(await sim.listAddresses(q));
		}
		for (const a of (await sim.listAddresses(all)).items) expect(await sage.getAddress(String(a.ACCOUNT_REF), Number(a.ADDRESS_REF))).toEqual(a);
		await expect(sage.listAddresses({ ...all, accountRef: 'NOPE01' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
	});

	test('products (stock applies only to stock items) and their image files', async () => {
		const expected = await sim.listProducts(all);
		expect(await sage.listProducts(all)).toEqual(expected);
		for (const p of expected.items) {
			expect(await sage.getProduct(String(p.STOCK_CODE))).toEqual(p);
			expect(await sage.getProductImage(String(p.STOCK_CODE))).toEqual(await sim.getProductImage(String(p.STOCK_CODE)));
		}
		expect((await sage.getProductImage('BOARD001'))?.bytes.length).toBeGreaterThan(20);
		expect(await sage.getProductImage('PAPER001')).toBeUndefined();
	});

	test('sales orders and quotations with lines; invoices with lines', async () => {
		expect(await sage.listSalesOrders(all)).toEqual(await sim.listSalesOrders(all));
		for (const q of [{ ...all, orderType: 9 }, { ...all, accountRef: 'abs001' }]) expect(await sage.listSalesOrders(q)).toEqual(await sim.listSalesOrders(q));
		for (const o of (await sim.listSalesOrders(all)).items) expect(await sage.getSalesOrder(Number(o.ORDER_NUMBER))).toEqual(o);
		expect(await sage.listInvoices(all)).toEqual(await sim.listInvoices(all));
		for (const q of [{ ...all, posted: 1 }, { ...all, posted: 0, accountRef: 'A1D001' }]) expect(await sage.listInvoices(q)).toEqual(await sim.listInvoices(q));
		for (const i of (await sim.listInvoices(all)).items) expect(await sage.getInvoice(Number(i.INVOICE_NUMBER))).toEqual(i);
		expect(await sage.getSalesOrder(999)).toBeUndefined();
	});

	test('look-ups', async () => {
		for (const kind of ['tax-codes', 'currencies', 'countries', 'account-statuses', 'stock-categories'] as const) {
			expect(await sage.lookup(kind)).toEqual(await sim.lookup(kind));
		}
	});

	test('paging across pages: TOP n+1 with a key cursor gives the same pages as the simulator', async () => {
		for (const list of ['listCustomers', 'listAddresses', 'listProducts', 'listSalesOrders', 'listInvoices'] as const) {
			let after: string | undefined;
			const seen: unknown[] = [];
			let pages = 0;
			do {
				const q = { limit: 2, includeDeleted: true, after };
				const page = await sage[list](q);
				expect(page).toEqual(await sim[list](q));
				seen.push(...page.items);
				after = page.nextCursor ?? undefined;
				pages++;
			} while (after !== undefined);
			expect(pages).toBeGreaterThan(1);
			expect(seen).toEqual((await sim[list](all)).items);
		}
		expect(statements().some((s) => /^SELECT TOP 3 .* FROM SALES_LEDGER WHERE ACCOUNT_REF > '[A-Z0-9]+' .*ORDER BY ACCOUNT_REF$/.test(s))).toBe(true);
	});

	test('every statement sent is in Sage’s dialect: no bound values, no LIMIT', () => {
		expect(statements().length).toBeGreaterThan(20);
		for (const s of statements()) {
			expect(s).not.toMatch(/\?|\bLIMIT\b|\bDISTINCT\b/i);
			expect(s).toMatch(/^SELECT /);
		}
	});
});

describe('escaping: one audited literal function, no bound strings', () => {
	beforeAll(() => {
		// A person in Sage may use characters SDO allows in a reference (quotes included), and text
		// with backslashes.
		company.sage
			.prepare("INSERT INTO SALES_LEDGER (ACCOUNT_REF, NAME, ADDRESS_1, RECORD_CREATE_DATE, RECORD_MODIFY_DATE) VALUES (?, ?, ?, '2026-01-15 09:00:00', '2026-01-15 09:00:00')")
			.run("O'NE\\L", "O'Neil \\ Sons", 'C:\\path\\x');
	});

	test("a quote and a backslash in a key are read back exactly", async () => {
		const c = await sage.getCustomer("O'NE\\L");
		expect(c).toMatchObject({ ACCOUNT_REF: "O'NE\\L", NAME: "O'Neil \\ Sons", ADDRESS_1: 'C:\\path\\x' });
		expect((await sage.listCustomers({ limit: 50, includeDeleted: true, keys: ["O'NE\\L"] })).items).toHaveLength(1);
		const afterQuote = await sage.listCustomers({ limit: 50, includeDeleted: true, after: "O'" });
		expect(afterQuote.items.map((x) => x.ACCOUNT_REF)).toContain("O'NE\\L");
	});

	test("an injection attempt is a value, not SQL: 'x' OR '1'='1 finds nothing", async () => {
		expect(await sage.getCustomer("x' OR '1'='1")).toBeUndefined();
		expect(await sage.getCustomer("' OR ''='")).toBeUndefined();
		expect((await sage.listCustomers({ limit: 50, includeDeleted: true, keys: ["ABS001' OR '1'='1"] })).items).toEqual([]);
		expect((await sage.listAddresses({ limit: 50, includeDeleted: true, accountRef: 'KIN001', keys: ["x') OR ('1'='1"] })).items).toEqual([]);
		expect(statements().some((s) => s.includes("'X'' OR ''1''=''1'"))).toBe(true);
	});
});
