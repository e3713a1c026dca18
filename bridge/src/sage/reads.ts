// Every read of the Sage adapter, through ODBC in Sage's dialect: key-cursor pages
// (`SELECT TOP n+1 … WHERE key > '…' ORDER BY key`), literals from sql.ts only, rows mapped to the
// contract's shapes by the same functions the simulated company uses (records/out.ts).
import { readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { AddressListQuery, InvoiceListQuery, ListQuery, LookupKind, Page, SageRow, SalesOrderListQuery } from '../adapter';
import { BridgeError } from '../errors';
import { addressOut, customerOut, invoiceOut, plain, productOut, salesOrderOut, type Row } from '../records/out';
import { cursorPage } from '../records/paging';
import { addressReference } from '../sim/rules';
import { ukLocal } from '../time';
import { contractRow, READ_COLUMNS, type SageTable } from './columns';
import { type SqlConnection, sqlIn, sqlInt, type SqlRow, sqlString, sqlTimestamp } from './sql';

const LOOKUPS: Record<LookupKind, string> = {
	'tax-codes': 'SELECT TAX_CODE, TAX_CODE_ID, DESCRIPTION, TAX_RATE FROM TAX_CODE ORDER BY TAX_CODE_ID',
	currencies: 'SELECT NUMBER, CODE, NAME, SYMBOL, RATE, BASE_CURRENCY FROM CURRENCY WHERE RECORD_DELETED = 0 ORDER BY NUMBER',
	countries: 'SELECT CODE, NAME, EU_MEMBER FROM COUNTRY_CODE WHERE RECORD_DELETED = 0 ORDER BY CODE',
	'account-statuses': 'SELECT NUMBER, STATUS, ON_HOLD FROM ACCOUNT_STATUS WHERE RECORD_DELETED = 0 ORDER BY NUMBER',
	'stock-categories': 'SELECT NUMBER, NAME FROM STOCK_CAT ORDER BY NUMBER',
};

const IMAGE_TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.bmp': 'image/bmp', '.webp': 'image/webp' };

interface PageSpec {
	table: SageTable;
	/** Cursor column, and whether it is numeric. */
	keyCol: string;
	numeric: boolean;
	/** Column `q.keys` filters on (the record key, when the cursor is another column). */
	idCol?: string;
	where?: string[];
}

/** Entities with a Sage table (users have none in the ODBC schema). */
export type ScanEntity = 'customers' | 'addresses' | 'products' | 'sales-orders' | 'invoices';

const SCANS: Record<ScanEntity, { table: SageTable; keyCol: string; numeric: boolean }> = {
	customers: { table: 'SALES_LEDGER', keyCol: 'ACCOUNT_REF', numeric: false },
	addresses: { table: 'SALES_DEL_ADDR', keyCol: 'REFERENCE', numeric: false },
	products: { table: 'STOCK', keyCol: 'STOCK_CODE', numeric: false },
	'sales-orders': { table: 'SALES_ORDER', keyCol: 'ORDER_NUMBER', numeric: true },
	invoices: { table: 'INVOICE', keyCol: 'INVOICE_NUMBER', numeric: true },
};

type DocumentKind = 'sales-orders' | 'invoices';

const DOCUMENTS: Record<DocumentKind, { header: SageTable; lines: SageTable; keyCol: string; out: (row: Row, lines: Row[]) => SageRow }> = {
	'sales-orders': { header: 'SALES_ORDER', lines: 'SOP_ITEM', keyCol: 'ORDER_NUMBER', out: salesOrderOut },
	invoices: { header: 'INVOICE', lines: 'INVOICE_ITEM', keyCol: 'INVOICE_NUMBER', out: invoiceOut },
};

export class SageReader {
	constructor(
		readonly sql: SqlConnection,
		/** Folder of the product image files (WEB_IMAGE_FILE names a file in it); none: no images. */
		private readonly imagesDir?: string,
	) {}

	/** `SELECT [TOP n] <columns> FROM table [WHERE …] ORDER BY …` — the only statement shape sent. */
	async select(table: SageTable, where: string[], orderBy: string, top?: number): Promise<SqlRow[]> {
		const cols = READ_COLUMNS[table].join(', ');
		const filter = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
		return this.sql.query(`SELECT ${top === undefined ? '' : `TOP ${sqlInt(top)} `}${cols} FROM ${table}${filter} ORDER BY ${orderBy}`);
	}

	private keyLiteral(value: string, numeric: boolean): string {
		if (!numeric) return sqlString(value);
		const n = Number(value);
		if (!Number.isSafeInteger(n)) throw new BridgeError('VALIDATION_FAILED', `"${value}" is not a record number`);
		return sqlInt(n);
	}

	/** One key-cursor page of rows (raw ODBC rows, one more than q.limit when more follow). */
	private async pageRows(spec: PageSpec, q: ListQuery): Promise<SqlRow[] | undefined> {
		const where = [...(spec.where ?? [])];
		const idCol = spec.idCol ?? spec.keyCol;
		if (q.keys !== undefined) {
			if (q.keys.length === 0) return undefined;
			const idNumeric = spec.numeric && idCol === spec.keyCol;
			where.push(idNumeric ? sqlIn(idCol, q.keys.map((k) => Number(this.keyLiteral(k, true)))) : sqlIn(idCol, q.keys));
		}
		if (q.after !== undefined && q.after !== '') where.push(`${spec.keyCol} > ${this.keyLiteral(q.after, spec.numeric)}`);
		if (q.modifiedSince !== undefined) where.push(`RECORD_MODIFY_DATE >= ${sqlTimestamp(ukLocal(q.modifiedSince).sage)}`);
		if (!q.includeDeleted) where.push('RECORD_DELETED = 0');
		return this.select(spec.table, where, spec.keyCol, q.limit + 1);
	}

	private async page(spec: PageSpec, q: ListQuery, out: (rows: SqlRow[]) => Promise<SageRow[]>): Promise<Page> {
		const rows = await this.pageRows(spec, q);
		if (!rows) return { items: [], nextCursor: null };
		const page = cursorPage(rows, q.limit, spec.keyCol, (r) => r as SageRow);
		return { items: await out(page.items as SqlRow[]), nextCursor: page.nextCursor };
	}

	// ---- customers and addresses ---------------------------------------------------------------

	async customerRows(refs: string[]): Promise<Row[]> {
		if (refs.length === 0) return [];
		return (await this.select('SALES_LEDGER', [sqlIn('ACCOUNT_REF', refs)], 'ACCOUNT_REF')).map((r) => contractRow('SALES_LEDGER', r));
	}

	async customers(refs: string[]): Promise<SageRow[]> {
		return (await this.customerRows(refs)).map(customerOut);
	}

	async getCustomer(ref: string): Promise<SageRow | undefined> {
		return (await this.customers([ref.toUpperCase()]))[0];
	}

	listCustomers(q: ListQuery): Promise<Page> {
		return this.page({ table: 'SALES_LEDGER', keyCol: 'ACCOUNT_REF', numeric: false }, q, async (rows) => rows.map((r) => customerOut(contractRow('SALES_LEDGER', r))));
	}

	async addresses(references: string[]): Promise<SageRow[]> {
		if (references.length === 0) return [];
		const rows = await this.select('SALES_DEL_ADDR', [sqlIn('REFERENCE', references)], 'REFERENCE');
		return rows.map((r) => addressOut(contractRow('SALES_DEL_ADDR', r)));
	}

	async getAddress(ref: string, addressRef: number): Promise<SageRow | undefined> {
		return (await this.addresses([addressReference(ref.toUpperCase(), addressRef)]))[0];
	}

	async listAddresses(q: AddressListQuery): Promise<Page> {
		const where: string[] = [];
		if (q.accountRef !== undefined) {
			const ref = q.accountRef.toUpperCase();
			if ((await this.customerRows([ref])).length === 0) throw new BridgeError('NOT_FOUND', `Customer ${q.accountRef} not found`, { record: q.accountRef });
			where.push(`ACCOUNT_REF = ${sqlString(ref)}`);
		}
		if (q.addressType !== undefined) where.push(`ADDRESS_TYPE = ${sqlInt(q.addressType)}`);
		// Within one customer the cursor is ADDRESS_REF; across customers it is REFERENCE.
		const spec: PageSpec =
			q.accountRef !== undefined
				? { table: 'SALES_DEL_ADDR', keyCol: 'ADDRESS_REF', numeric: true, idCol: 'REFERENCE', where }
				: { table: 'SALES_DEL_ADDR', keyCol: 'REFERENCE', numeric: false, where };
		return this.page(spec, q, async (rows) => rows.map((r) => addressOut(contractRow('SALES_DEL_ADDR', r))));
	}

	// ---- products ------------------------------------------------------------------------------

	private async categoryNames(): Promise<Map<number, string>> {
		const rows = await this.sql.query(LOOKUPS['stock-categories']);
		return new Map(rows.map((r) => [Number(r.NUMBER), String(r.NAME)]));
	}

	private async productsOut(rows: SqlRow[]): Promise<SageRow[]> {
		if (rows.length === 0) return [];
		const names = await this.categoryNames();
		return rows.map((r) => productOut(contractRow('STOCK', r), r.STOCK_CAT === null ? null : (names.get(Number(r.STOCK_CAT)) ?? null)));
	}

	async products(codes: string[]): Promise<SageRow[]> {
		if (codes.length === 0) return [];
		return this.productsOut(await this.select('STOCK', [sqlIn('STOCK_CODE', codes)], 'STOCK_CODE'));
	}

	/** As typed, else upper-cased (Sage's product codes are case-sensitive keys, usually upper case). */
	async getProduct(code: string): Promise<SageRow | undefined> {
		const found = await this.products(code === code.toUpperCase() ? [code] : [code, code.toUpperCase()]);
		return found.find((p) => p.STOCK_CODE === code) ?? found[0];
	}

	listProducts(q: ListQuery): Promise<Page> {
		return this.page({ table: 'STOCK', keyCol: 'STOCK_CODE', numeric: false }, q, (rows) => this.productsOut(rows));
	}

	/** The file WEB_IMAGE_FILE names, from the images folder (a bare file name only: no paths). */
	async getProductImage(code: string): Promise<{ contentType: string; bytes: Buffer } | undefined> {
		const product = await this.getProduct(code);
		const file = product?.WEB_IMAGE_FILE;
		if (!product || product.RECORD_DELETED || typeof file !== 'string' || file === '' || this.imagesDir === undefined) return undefined;
		if (basename(file) !== file || file.includes('\\') || file.startsWith('.')) return undefined;
		const contentType = IMAGE_TYPES[extname(file).toLowerCase()];
		if (!contentType) return undefined;
		try {
			return { contentType, bytes: await readFile(join(this.imagesDir, file)) };
		} catch {
			return undefined;
		}
	}

	// ---- sales orders and invoices -------------------------------------------------------------

	/** Document headers with their lines (one query for the lines of the whole page). */
	private async withLines(kind: DocumentKind, rows: SqlRow[]): Promise<SageRow[]> {
		if (rows.length === 0) return [];
		const { header, lines, keyCol, out } = DOCUMENTS[kind];
		const numbers = rows.map((r) => Number(r[keyCol]));
		const byNumber = new Map<number, Row[]>();
		// OR lists of at most 100 documents per statement (a capture page holds up to 500).
		for (let i = 0; i < numbers.length; i += 100) {
			for (const line of await this.select(lines, [sqlIn(keyCol, numbers.slice(i, i + 100))], `${keyCol}, ITEM_NUMBER`)) {
				const n = Number(line[keyCol]);
				byNumber.set(n, [...(byNumber.get(n) ?? []), contractRow(lines, line)]);
			}
		}
		return rows.map((r) => out(contractRow(header, r), byNumber.get(Number(r[keyCol])) ?? []));
	}

	async documents(kind: DocumentKind, numbers: number[]): Promise<SageRow[]> {
		const valid = numbers.filter((n) => Number.isSafeInteger(n));
		if (valid.length === 0) return [];
		const { header, keyCol } = DOCUMENTS[kind];
		return this.withLines(kind, await this.select(header, [sqlIn(keyCol, valid)], keyCol));
	}

	private listDocuments(kind: DocumentKind, q: ListQuery & { accountRef?: string }, where: string[]): Promise<Page> {
		if (q.accountRef !== undefined) where.push(`ACCOUNT_REF = ${sqlString(q.accountRef.toUpperCase())}`);
		const { header, keyCol } = DOCUMENTS[kind];
		return this.page({ table: header, keyCol, numeric: true, where }, q, (rows) => this.withLines(kind, rows));
	}

	async getSalesOrder(n: number): Promise<SageRow | undefined> {
		return (await this.documents('sales-orders', [n]))[0];
	}

	listSalesOrders(q: SalesOrderListQuery): Promise<Page> {
		return this.listDocuments('sales-orders', q, q.orderType === undefined ? [] : [`ORDER_TYPE_CODE = ${sqlInt(q.orderType)}`]);
	}

	async getInvoice(n: number): Promise<SageRow | undefined> {
		return (await this.documents('invoices', [n]))[0];
	}

	listInvoices(q: InvoiceListQuery): Promise<Page> {
		return this.listDocuments('invoices', q, q.posted === undefined ? [] : [`POSTED_CODE = ${sqlInt(q.posted)}`]);
	}

	// ---- change capture -----------------------------------------------------------------------

	/** Records of an entity by key, in batches of 100 (the contract's shapes, without EXTERNAL_REF). */
	async byKeys(entity: ScanEntity, keys: string[]): Promise<SageRow[]> {
		const out: SageRow[] = [];
		for (let i = 0; i < keys.length; i += 100) {
			const chunk = keys.slice(i, i + 100);
			if (entity === 'customers') out.push(...(await this.customers(chunk)));
			else if (entity === 'addresses') out.push(...(await this.addresses(chunk)));
			else if (entity === 'products') out.push(...(await this.products(chunk)));
			else out.push(...(await this.documents(entity, chunk.map(Number))));
		}
		return out;
	}

	/**
	 * One page of a table in key order, deleted records included, optionally only rows modified at or
	 * after `sinceLocal` (Sage local time): the change capture's scan. `last` is the cursor for the next
	 * page, undefined after the last page.
	 */
	async scan(entity: ScanEntity, after: string | undefined, top: number, sinceLocal?: string): Promise<{ records: SageRow[]; last: string | undefined }> {
		const spec = SCANS[entity];
		const where: string[] = [];
		if (after !== undefined) where.push(`${spec.keyCol} > ${this.keyLiteral(after, spec.numeric)}`);
		if (sinceLocal !== undefined) where.push(`RECORD_MODIFY_DATE >= ${sqlTimestamp(sinceLocal)}`);
		const rows = await this.select(spec.table, where, spec.keyCol, top);
		const last = rows.length === top ? String(rows[rows.length - 1][spec.keyCol]) : undefined;
		let records: SageRow[];
		if (entity === 'customers') records = rows.map((r) => customerOut(contractRow('SALES_LEDGER', r)));
		else if (entity === 'addresses') records = rows.map((r) => addressOut(contractRow('SALES_DEL_ADDR', r)));
		else if (entity === 'products') records = await this.productsOut(rows);
		else records = await this.withLines(entity, rows);
		return { records, last };
	}

	/**
	 * Documents whose lines changed at or after `sinceLocal` (SOP_ITEM / INVOICE_ITEM carry their own
	 * RECORD_MODIFY_DATE): their numbers, de-duplicated here (DISTINCT fails on Sage's driver).
	 */
	async documentsWithChangedLines(entity: DocumentKind, sinceLocal: string, top: number): Promise<number[]> {
		const { lines: table, keyCol } = DOCUMENTS[entity];
		const numbers = new Set<number>();
		let after: number | undefined;
		for (;;) {
			const where = [`RECORD_MODIFY_DATE >= ${sqlTimestamp(sinceLocal)}`, ...(after === undefined ? [] : [`${keyCol} > ${sqlInt(after)}`])];
			const rows = await this.sql.query(`SELECT TOP ${sqlInt(top)} ${keyCol} FROM ${table} WHERE ${where.join(' AND ')} ORDER BY ${keyCol}`);
			for (const r of rows) numbers.add(Number(r[keyCol]));
			if (rows.length < top) return [...numbers];
			// A page full of one document's lines: move past that document.
			after = Number(rows[rows.length - 1][keyCol]);
		}
	}

	// ---- look-ups ------------------------------------------------------------------------------

	async lookup(kind: LookupKind): Promise<SageRow[]> {
		return (await this.sql.query(LOOKUPS[kind])).map((r) => plain(r as Row));
	}
}
