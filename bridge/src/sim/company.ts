// The simulated Sage 50 company: master records (customers, addresses/contacts, products, users),
// look-ups, the change feed and idempotency storage, all with Sage's rules. Every write says who
// made it: 'bridge' (through the API, as SDO would) or 'sage' (a person in Sage, via the admin API).
import type { ChangeEntity, ChangePage, JournalEntry, LookupKind, Page, SageRow, StoredResponse } from '../adapter';
import type { AddressListQuery, InvoiceListQuery, ListQuery, SalesOrderListQuery } from '../adapter';
import { BridgeError } from '../errors';
import { CodePage } from '../codePage';
import { ADDRESS_CREATE_FIELDS, ADDRESS_FIELDS, PRODUCT_FIELDS, USER_FIELDS } from '../fields';
import type { BridgeClock } from '../time';
import { getIdempotency, saveIdempotency } from '../local/idempotency';
import { Documents } from './documents';
import { addressOut, customerOut, plain, productOut, userOut } from '../records/out';
import { addressReference, checkFields, requireText } from './rules';
import { type Row, type Source, Store } from './store';
import { addressPatch, changedFields, type CompanyView, customerPatch, newAddress, newCustomer } from './writeRules';

const LOOKUPS: Record<LookupKind, string> = {
	'tax-codes': 'SELECT TAX_CODE, TAX_CODE_ID, DESCRIPTION, TAX_RATE FROM TAX_CODE ORDER BY TAX_CODE_ID',
	currencies: 'SELECT * FROM CURRENCY ORDER BY NUMBER',
	countries: 'SELECT * FROM COUNTRY_CODE ORDER BY CODE',
	'account-statuses': 'SELECT * FROM ACCOUNT_STATUS ORDER BY NUMBER',
	'stock-categories': 'SELECT * FROM STOCK_CAT ORDER BY NUMBER',
};

export class SimulatedCompany {
	readonly store: Store;
	readonly documents: Documents;
	/** What the shared write rules (writeRules.ts) read from this company. */
	readonly view: CompanyView;

	/** `text`: the code page rule of textEncoding (codePage.ts); Windows-1252, failing, by default. */
	constructor(
		dbPath: string,
		clock: BridgeClock,
		readonly text: CodePage = CodePage.of(),
	) {
		this.store = new Store(dbPath, clock);
		this.view = this.companyView();
		this.documents = new Documents(this);
		if (!this.store.get('SELECT ID FROM COMPANY')) this.initCompany('Sage 50 Demo Company Ltd');
	}

	initCompany(name: string): void {
		this.store.run(
			`INSERT OR REPLACE INTO COMPANY (ID, NAME, SAGE_VERSION, NEXT_ORDER_NUMBER, NEXT_INVOICE_NUMBER, BRIDGE_SEQ)
			 VALUES (1, ?, '32.0 (simulated)', 1, 1, 0)`,
			name,
		);
	}

	get companyInfo(): { name: string; version: string } {
		const row = this.store.get('SELECT NAME, SAGE_VERSION FROM COMPANY WHERE ID = 1')!;
		return { name: String(row.NAME), version: String(row.SAGE_VERSION) };
	}

	/** Empties every table (reset), keeping the schema. */
	wipe(): void {
		this.store.tx(() => {
			for (const t of ['TAX_CODE', 'CURRENCY', 'COUNTRY_CODE', 'ACCOUNT_STATUS', 'STOCK_CAT', 'SALES_LEDGER', 'SALES_DEL_ADDR', 'STOCK', 'IMAGE_FILES', 'SALES_ORDER', 'SOP_ITEM', 'INVOICE', 'INVOICE_ITEM', 'USERS', 'DELETED_RECORDS', 'BRIDGE_CHANGES', 'BRIDGE_IDEMPOTENCY', 'BRIDGE_EXTERNAL_REFS']) {
				this.store.run(`DELETE FROM ${t}`);
			}
			this.store.run("DELETE FROM sqlite_sequence WHERE name = 'DELETED_RECORDS'");
			this.initCompany('Sage 50 Demo Company Ltd');
		});
	}

	// ---- look-ups ---------------------------------------------------------------------------

	lookup(kind: LookupKind): SageRow[] {
		return this.store.all(LOOKUPS[kind]).map(plain);
	}

	taxRate(code: string, field: string, record?: string): { code: string; rate: number } {
		const row = this.store.get('SELECT TAX_CODE, TAX_RATE FROM TAX_CODE WHERE TAX_CODE = ?', code.toUpperCase());
		if (!row) throw new BridgeError('UNKNOWN_TAX_CODE', `Tax code ${code} does not exist in Sage`, { field, record });
		return { code: String(row.TAX_CODE), rate: Number(row.TAX_RATE) };
	}

	private companyView(): CompanyView {
		const currency = (sql: string, value: string | number) => this.store.get(sql, value);
		return {
			taxRate: (code, field, record) => this.taxRate(code, field, record),
			customer: (ref) => this.customerRow(ref),
			currencyExists: (n) => currency('SELECT NUMBER FROM CURRENCY WHERE NUMBER = ?', n) !== undefined,
			currencyNumber: (code) => {
				const row = currency('SELECT NUMBER FROM CURRENCY WHERE CODE = ?', code);
				return row && Number(row.NUMBER);
			},
			currencyCode: (n) => {
				const row = currency('SELECT CODE FROM CURRENCY WHERE NUMBER = ?', n);
				return row && String(row.CODE);
			},
			product: (code) => this.productRow(code),
			address: (ref, n) => this.store.get('SELECT * FROM SALES_DEL_ADDR WHERE ACCOUNT_REF = ? AND ADDRESS_REF = ? AND RECORD_DELETED = 0', ref, n),
			hasRegisteredAddress: (ref) => this.store.get('SELECT 1 AS X FROM SALES_DEL_ADDR WHERE ACCOUNT_REF = ? AND ADDRESS_TYPE = 2 AND RECORD_DELETED = 0', ref) !== undefined,
			orderExists: (n) => this.store.get('SELECT 1 AS X FROM SALES_ORDER WHERE ORDER_NUMBER = ?', n) !== undefined,
		};
	}

	// ---- customers (SALES_LEDGER) ----------------------------------------------------------

	customerRow(ref: string): Row | undefined {
		return this.store.get('SELECT * FROM SALES_LEDGER WHERE ACCOUNT_REF = ?', ref.toUpperCase());
	}

	getCustomer(ref: string): SageRow | undefined {
		const row = this.customerRow(ref);
		return row && customerOut(row);
	}

	listCustomers(q: ListQuery): Page {
		return this.store.page('SALES_LEDGER', 'ACCOUNT_REF', false, q, customerOut);
	}

	private liveCustomer(ref: string): Row {
		const row = this.customerRow(ref);
		if (!row || row.RECORD_DELETED) throw new BridgeError('NOT_FOUND', `Customer ${ref} not found`, { record: ref });
		return row;
	}

	createCustomer(input: SageRow, source: Source): SageRow {
		return this.store.tx(() => {
			// A person in Sage may give a new customer the reference of a deleted one: the reference is
			// live again, as a new record (nothing of the deleted one carries over) and a 'created' change.
			// The contract keeps deleted references taken, so the sync never brings a customer back (A4, A6).
			const reusable = (existing: Row | undefined) => existing !== undefined && Boolean(existing.RECORD_DELETED) && source === 'sage';
			const { ref, row } = newCustomer(input, this.text, this.view, (candidate) => {
				const existing = this.customerRow(candidate);
				return existing !== undefined && !reusable(existing);
			});
			const reuse = reusable(this.customerRow(ref));
			const s = this.store.stamp();
			if (reuse) this.store.run('DELETE FROM SALES_LEDGER WHERE ACCOUNT_REF = ?', ref);
			this.store.insert('SALES_LEDGER', {
				...(row as Row),
				RECORD_CREATE_DATE: s.local,
				RECORD_MODIFY_DATE: s.local,
				_CREATE_UTC: s.utc,
				_MODIFY_UTC: s.utc,
			});
			this.store.journal('customers', ref, 'created', source, s.utc);
			return this.getCustomer(ref)!;
		});
	}

	updateCustomer(ref: string, patch: SageRow, source: Source): SageRow {
		return this.store.tx(() => {
			const current = this.liveCustomer(ref);
			const key = String(current.ACCOUNT_REF);
			const input = customerPatch(key, patch, this.text, this.view);
			const changes = changedFields(current, input) as Row;
			if (Object.keys(changes).length > 0) {
				const s = this.store.stamp();
				this.store.update('SALES_LEDGER', 'ACCOUNT_REF', key, { ...changes, RECORD_MODIFY_DATE: s.local, _MODIFY_UTC: s.utc });
				this.store.journal('customers', key, 'updated', source, s.utc);
			}
			return this.getCustomer(key)!;
		});
	}

	/** Deleting in Sage: RECORD_DELETED + DELETED_RECORDS, and the customer's addresses go with it. */
	deleteCustomer(ref: string): void {
		this.store.tx(() => {
			const key = String(this.liveCustomer(ref).ACCOUNT_REF);
			const s = this.softDelete('SALES_LEDGER', 'ACCOUNT_REF', key, 'ACCOUNT_REF');
			this.store.journal('customers', key, 'deleted', 'sage', s.utc);
			for (const a of this.store.all('SELECT ADDRESS_REF FROM SALES_DEL_ADDR WHERE ACCOUNT_REF = ? AND RECORD_DELETED = 0', key)) {
				this.deleteAddress(key, Number(a.ADDRESS_REF));
			}
		});
	}

	private softDelete(table: string, keyCol: string, key: string | number, refType: string) {
		const s = this.store.stamp();
		this.store.update(table, keyCol, key, { RECORD_DELETED: 1, RECORD_MODIFY_DATE: s.local, _MODIFY_UTC: s.utc });
		this.store.insert('DELETED_RECORDS', {
			TABLE_NAME: table,
			FOREIGN_REF: String(key),
			FOREIGN_REF_TYPE: refType,
			DELETION_DATE_TIME: s.local,
		});
		return s;
	}

	// ---- addresses and contacts (SALES_DEL_ADDR) -------------------------------------------

	private addressRow(ref: string, addressRef: number): Row | undefined {
		return this.store.get('SELECT * FROM SALES_DEL_ADDR WHERE REFERENCE = ?', addressReference(ref.toUpperCase(), addressRef));
	}

	getAddress(ref: string, addressRef: number): SageRow | undefined {
		const row = this.addressRow(ref, addressRef);
		return row && addressOut(row);
	}

	listAddresses(q: AddressListQuery): Page {
		const where: string[] = [];
		const params: (string | number)[] = [];
		if (q.accountRef !== undefined) {
			this.customerOrNotFound(q.accountRef);
			where.push('ACCOUNT_REF = ?');
			params.push(q.accountRef.toUpperCase());
		}
		if (q.addressType !== undefined) {
			where.push('ADDRESS_TYPE = ?');
			params.push(q.addressType);
		}
		// Within one customer the cursor is ADDRESS_REF; across customers it is REFERENCE.
		if (q.accountRef !== undefined) return this.store.page('SALES_DEL_ADDR', 'ADDRESS_REF', true, q, addressOut, where, params, 'REFERENCE');
		return this.store.page('SALES_DEL_ADDR', 'REFERENCE', false, q, addressOut, where, params);
	}

	private customerOrNotFound(ref: string): Row {
		const row = this.customerRow(ref);
		if (!row) throw new BridgeError('NOT_FOUND', `Customer ${ref} not found`, { record: ref });
		return row;
	}

	createAddress(ref: string, input: SageRow, source: Source): SageRow {
		return this.store.tx(() => {
			const account = String(this.liveCustomer(ref).ACCOUNT_REF);
			const { row } = newAddress(account, input, this.text, this.view);
			const next = Number(this.store.get('SELECT COALESCE(MAX(ADDRESS_REF), 0) + 1 AS N FROM SALES_DEL_ADDR WHERE ACCOUNT_REF = ?', account)!.N);
			const reference = addressReference(account, next);
			const s = this.store.stamp();
			this.store.insert('SALES_DEL_ADDR', {
				...(row as Row),
				REFERENCE: reference,
				ACCOUNT_REF: account,
				ADDRESS_REF: next,
				RECORD_CREATE_DATE: s.local,
				RECORD_MODIFY_DATE: s.local,
				_CREATE_UTC: s.utc,
				_MODIFY_UTC: s.utc,
			});
			this.store.journal('addresses', reference, 'created', source, s.utc);
			return this.getAddress(account, next)!;
		});
	}

	private liveAddress(ref: string, addressRef: number): Row {
		const row = this.addressRow(ref, addressRef);
		if (!row || row.RECORD_DELETED) {
			throw new BridgeError('NOT_FOUND', `Address ${addressRef} of customer ${ref} not found`, { record: ref });
		}
		return row;
	}

	updateAddress(ref: string, addressRef: number, patch: SageRow, source: Source): SageRow {
		return this.store.tx(() => {
			this.liveCustomer(ref);
			const current = this.liveAddress(ref, addressRef);
			const reference = String(current.REFERENCE);
			// A person may change an address's type in Sage (Addresses & Contacts); through the contract
			// the type is fixed at creation.
			const input = addressPatch(current, patch, source === 'sage' ? ADDRESS_CREATE_FIELDS : ADDRESS_FIELDS, this.text, this.view);
			const changes = changedFields(current, input) as Row;
			if (Object.keys(changes).length > 0) {
				const s = this.store.stamp();
				this.store.update('SALES_DEL_ADDR', 'REFERENCE', reference, { ...changes, RECORD_MODIFY_DATE: s.local, _MODIFY_UTC: s.utc });
				this.store.journal('addresses', reference, 'updated', source, s.utc);
			}
			return this.getAddress(ref, addressRef)!;
		});
	}

	deleteAddress(ref: string, addressRef: number): void {
		this.store.tx(() => {
			const reference = String(this.liveAddress(ref, addressRef).REFERENCE);
			const s = this.softDelete('SALES_DEL_ADDR', 'REFERENCE', reference, 'REFERENCE');
			this.store.journal('addresses', reference, 'deleted', 'sage', s.utc);
		});
	}

	// ---- products (STOCK) -------------------------------------------------------------------

	productRow(code: string): Row | undefined {
		return this.store.get('SELECT * FROM STOCK WHERE STOCK_CODE = ?', code) ?? this.store.get('SELECT * FROM STOCK WHERE STOCK_CODE = ?', code.toUpperCase());
	}

	private productOut = (row: Row): SageRow => {
		const cat = row.STOCK_CAT === null ? undefined : this.store.get('SELECT NAME FROM STOCK_CAT WHERE NUMBER = ?', row.STOCK_CAT);
		return productOut(row, cat ? String(cat.NAME) : null);
	};

	getProduct(code: string): SageRow | undefined {
		const row = this.productRow(code);
		return row && this.productOut(row);
	}

	listProducts(q: ListQuery): Page {
		return this.store.page('STOCK', 'STOCK_CODE', false, q, this.productOut);
	}

	getProductImage(code: string): { contentType: string; bytes: Buffer } | undefined {
		const product = this.productRow(code);
		if (!product || product.RECORD_DELETED || !product.WEB_IMAGE_FILE) return undefined;
		const file = this.store.get('SELECT CONTENT_TYPE, BYTES FROM IMAGE_FILES WHERE FILE_NAME = ?', product.WEB_IMAGE_FILE);
		return file && { contentType: String(file.CONTENT_TYPE), bytes: Buffer.from(file.BYTES as Uint8Array) };
	}

	/** Stores an image file the way Sage keeps product images: a file name on the record plus the file. */
	putImageFile(fileName: string, contentType: string, bytes: Uint8Array): void {
		this.store.run('INSERT OR REPLACE INTO IMAGE_FILES (FILE_NAME, CONTENT_TYPE, BYTES) VALUES (?, ?, ?)', fileName, contentType, bytes);
	}

	private checkProductValues(input: SageRow, record: string): void {
		if (input.ITEM_TYPE !== undefined && ![0, 1, 2].includes(Number(input.ITEM_TYPE))) {
			throw new BridgeError('VALIDATION_FAILED', 'ITEM_TYPE must be 0 (stock), 1 (non-stock) or 2 (service)', { field: 'ITEM_TYPE', record });
		}
		if (typeof input.TAX_CODE === 'string') input.TAX_CODE = this.taxRate(input.TAX_CODE, 'TAX_CODE', record).code;
		if (input.DESCRIPTION !== undefined) requireText(input, 'DESCRIPTION', record);
	}

	createProduct(input: SageRow, source: Source = 'sage'): SageRow {
		return this.store.tx(() => {
			const checked = checkFields(input, PRODUCT_FIELDS, this.text);
			const code = requireText(checked, 'STOCK_CODE').toUpperCase();
			requireText(checked, 'DESCRIPTION', code);
			if (/\s/.test(code)) throw new BridgeError('VALIDATION_FAILED', 'STOCK_CODE cannot contain spaces', { field: 'STOCK_CODE', record: code });
			if (this.productRow(code)) throw new BridgeError('VALIDATION_FAILED', `Product ${code} already exists`, { field: 'STOCK_CODE', record: code });
			const row: SageRow = { ...checked, STOCK_CODE: code };
			this.checkProductValues(row, code);
			const s = this.store.stamp();
			this.store.insert('STOCK', { ...(row as Row), RECORD_CREATE_DATE: s.local, RECORD_MODIFY_DATE: s.local, _CREATE_UTC: s.utc, _MODIFY_UTC: s.utc });
			this.store.journal('products', code, 'created', source, s.utc);
			return this.getProduct(code)!;
		});
	}

	updateProduct(code: string, patch: SageRow, source: Source = 'sage'): SageRow {
		return this.store.tx(() => {
			const current = this.productRow(code);
			if (!current || current.RECORD_DELETED) throw new BridgeError('NOT_FOUND', `Product ${code} not found`, { record: code });
			const key = String(current.STOCK_CODE);
			const { STOCK_CODE: keyIn, ...rest } = patch;
			if (keyIn !== undefined && String(keyIn).toUpperCase() !== key) {
				throw new BridgeError('VALIDATION_FAILED', 'STOCK_CODE cannot be changed', { field: 'STOCK_CODE', record: key });
			}
			const input = checkFields(rest, PRODUCT_FIELDS, this.text, key);
			this.checkProductValues(input, key);
			const changes = changedFields(current, input) as Row;
			if (Object.keys(changes).length > 0) {
				const s = this.store.stamp();
				this.store.update('STOCK', 'STOCK_CODE', key, { ...changes, RECORD_MODIFY_DATE: s.local, _MODIFY_UTC: s.utc });
				this.store.journal('products', key, 'updated', source, s.utc);
			}
			return this.getProduct(key)!;
		});
	}

	deleteProduct(code: string): void {
		this.store.tx(() => {
			const current = this.productRow(code);
			if (!current || current.RECORD_DELETED) throw new BridgeError('NOT_FOUND', `Product ${code} not found`, { record: code });
			const key = String(current.STOCK_CODE);
			const s = this.softDelete('STOCK', 'STOCK_CODE', key, 'STOCK_CODE');
			this.store.journal('products', key, 'deleted', 'sage', s.utc);
		});
	}

	// ---- users --------------------------------------------------------------------------------

	getUser(name: string): SageRow | undefined {
		const row = this.store.get('SELECT * FROM USERS WHERE USER_NAME = ?', name);
		return row && userOut(row);
	}

	listUsers(q: ListQuery): Page {
		return this.store.page('USERS', 'USER_NAME', false, q, userOut);
	}

	createUser(input: SageRow): SageRow {
		return this.store.tx(() => {
			const row = checkFields(input, USER_FIELDS, this.text);
			const name = requireText(row, 'USER_NAME');
			if (this.getUser(name)) throw new BridgeError('VALIDATION_FAILED', `User ${name} already exists`, { field: 'USER_NAME', record: name });
			const s = this.store.stamp();
			this.store.insert('USERS', { ...(row as Row), RECORD_CREATE_DATE: s.local, RECORD_MODIFY_DATE: s.local, _CREATE_UTC: s.utc, _MODIFY_UTC: s.utc });
			this.store.journal('users', name, 'created', 'sage', s.utc);
			return this.getUser(name)!;
		});
	}

	updateUser(name: string, patch: SageRow): SageRow {
		return this.store.tx(() => {
			const current = this.store.get('SELECT * FROM USERS WHERE USER_NAME = ? AND RECORD_DELETED = 0', name);
			if (!current) throw new BridgeError('NOT_FOUND', `User ${name} not found`, { record: name });
			const { USER_NAME: _name, ...rest } = patch;
			const input = checkFields(rest, USER_FIELDS, this.text, name);
			const changes = changedFields(current, input) as Row;
			if (Object.keys(changes).length > 0) {
				const s = this.store.stamp();
				this.store.update('USERS', 'USER_NAME', name, { ...changes, RECORD_MODIFY_DATE: s.local, _MODIFY_UTC: s.utc });
				this.store.journal('users', name, 'updated', 'sage', s.utc);
			}
			return this.getUser(name)!;
		});
	}

	deleteUser(name: string): void {
		this.store.tx(() => {
			if (!this.store.get('SELECT 1 AS X FROM USERS WHERE USER_NAME = ? AND RECORD_DELETED = 0', name)) {
				throw new BridgeError('NOT_FOUND', `User ${name} not found`, { record: name });
			}
			const s = this.softDelete('USERS', 'USER_NAME', name, 'USER_NAME');
			this.store.journal('users', name, 'deleted', 'sage', s.utc);
		});
	}

	// ---- documents (delegated) ----------------------------------------------------------------

	listSalesOrders(q: SalesOrderListQuery): Page {
		return this.documents.listSalesOrders(q);
	}

	listInvoices(q: InvoiceListQuery): Page {
		return this.documents.listInvoices(q);
	}

	// ---- change feed -------------------------------------------------------------------------

	recordFor(entity: ChangeEntity, key: string): SageRow | undefined {
		switch (entity) {
			case 'customers':
				return this.getCustomer(key);
			case 'addresses': {
				const row = this.store.get('SELECT * FROM SALES_DEL_ADDR WHERE REFERENCE = ?', key);
				return row && addressOut(row);
			}
			case 'products':
				return this.getProduct(key);
			case 'sales-orders':
				return this.documents.getSalesOrder(Number(key));
			case 'invoices':
				return this.documents.getInvoice(Number(key));
			case 'users':
				return this.getUser(key);
		}
	}

	journal(entity: ChangeEntity, after: number, limit: number): JournalEntry[] {
		return this.store.changes.entries(entity, after, limit);
	}

	journalHead(entity: ChangeEntity): number {
		return this.store.changes.head(entity);
	}

	changes(entity: ChangeEntity, after: number, limit: number): ChangePage {
		const rows = this.store.changes.pageRows(entity, after, limit);
		const records = new Map<string, SageRow>();
		for (const r of rows) {
			const record = this.recordFor(entity, String(r.RECORD_KEY));
			if (record) records.set(String(r.RECORD_KEY), record);
		}
		return this.store.changes.page(entity, after, limit, rows, records);
	}

	// ---- idempotency ---------------------------------------------------------------------------

	getIdempotency(key: string, expiredAt: number): StoredResponse | undefined {
		return getIdempotency(this.store, key, expiredAt);
	}

	saveIdempotency(r: StoredResponse, at: number, expiredAt: number): void {
		saveIdempotency(this.store, r, at, expiredAt);
	}

	dumpTable(table: string): SageRow[] {
		return this.store.all(`SELECT * FROM ${table}`).map((row) => {
			const out: SageRow = {};
			for (const [k, v] of Object.entries(row)) out[k] = typeof v === 'bigint' ? Number(v) : v instanceof Uint8Array ? `<${v.length} bytes>` : (v as string | number | null);
			return out;
		});
	}
}
