// The storage adapter: everything the HTTP layer needs from "Sage". The HTTP layer (routing, auth,
// input shape, idempotency, error mapping, faults, counters) knows nothing else, so a Windows adapter
// (ODBC `SELECT TOP n … WHERE key > ? ORDER BY key` for reads, SDO on one STA thread for writes)
// can replace the simulated company without touching it. Contract of each method:
//   - records use Sage column names and the shapes of openapi.yaml (timestamps as RFC 3339 with the
//     UK offset, flags 0/1, money rounded to 2 dp, QTY_* null where stock does not apply);
//   - failures throw BridgeError (errors.ts) with a stable code; SDO error numbers go in sageErrorCode;
//   - writes are called one at a time (the HTTP layer serialises them, like SDO's single STA thread)
//     and receive a WriteContext so the adapter can record who wrote what for the change feed;
//   - external references (WriteContext.externalRef, e.g. `forceManager:account:17`) are kept in the
//     bridge's own mapping table (a Windows bridge: its local database on the Sage PC, next to the
//     idempotency records — never a Sage column), unique per entity, stored in the same step as the
//     create; customers, addresses and sales orders read back carry it as EXTERNAL_REF (null when none).

export type SageValue = string | number | null | SageRow[];
export interface SageRow {
	[column: string]: SageValue;
}

export interface Page<T = SageRow> {
	items: T[];
	nextCursor: string | null;
}

export interface ListQuery {
	/** Key of the last item of the previous page (exclusive). */
	after?: string;
	limit: number;
	/** Epoch seconds; RECORD_MODIFY_DATE >= this instant. */
	modifiedSince?: number;
	includeDeleted: boolean;
	/** Only these record keys (ACCOUNT_REF, address REFERENCE, ORDER_NUMBER); at most 100. */
	keys?: string[];
	/** Only records created with one of these external references; at most 100. */
	externalRefs?: string[];
}

export interface AddressListQuery extends ListQuery {
	accountRef?: string;
	addressType?: number;
}

export interface SalesOrderListQuery extends ListQuery {
	orderType?: number;
	accountRef?: string;
}

export interface InvoiceListQuery extends ListQuery {
	posted?: number;
	accountRef?: string;
}

export type ChangeEntity = 'customers' | 'addresses' | 'products' | 'sales-orders' | 'invoices' | 'users';
export const CHANGE_ENTITIES: readonly ChangeEntity[] = [
	'customers',
	'addresses',
	'products',
	'sales-orders',
	'invoices',
	'users',
];

export interface Change {
	seq: string;
	entity: ChangeEntity;
	key: string;
	change: 'created' | 'updated' | 'deleted';
	source: 'bridge' | 'sage';
	changedAt: string;
	record: SageRow;
}

/** One record's newest entry in the bridge's change journal (for the delivery ledger). */
export interface JournalEntry {
	seq: number;
	key: string;
	/** Journal sequence of the record's creation (0 when created before the journal knew it). */
	createdSeq: number;
	deleted: boolean;
}

export interface ChangePage {
	items: Change[];
	nextCursor: string | null;
	cursor: string;
}

export type LookupKind = 'tax-codes' | 'currencies' | 'countries' | 'account-statuses' | 'stock-categories';

export interface WriteContext {
	/** The request's Idempotency-Key (for the adapter's write log). */
	idempotencyKey: string;
	/** Creates only: the caller's reference for the record (`<system>:<entity>:<id>`, ≤ 100 chars). */
	externalRef?: string;
}

export interface StoredResponse {
	key: string;
	fingerprint: string;
	status: number;
	body: string;
}

/** How the bridge reaches Sage: reads through ODBC, writes through SDO ('simulated' for the simulated company). */
export interface ComponentHealth<State extends string> {
	state: 'simulated' | State;
	/** e.g. the ODBC driver's or the SDO engine's version. */
	version?: string;
}

export interface AdapterHealth {
	status: 'ok' | 'degraded';
	adapter: string;
	sageVersion: string;
	company: string;
	/** Optional, so adapters written before these fields still compile; both adapters report them. */
	odbc?: ComponentHealth<'connected' | 'disconnected' | 'unavailable'>;
	/** 'read-only': no SDO configured (writes answer an error naming what to install). */
	sdo?: ComponentHealth<'connected' | 'disconnected' | 'unavailable' | 'read-only'>;
}

export interface SageAdapter {
	health(): Promise<AdapterHealth>;

	listCustomers(q: ListQuery): Promise<Page>;
	getCustomer(accountRef: string): Promise<SageRow | undefined>;
	createCustomer(input: SageRow, ctx: WriteContext): Promise<SageRow>;
	updateCustomer(accountRef: string, patch: SageRow, ctx: WriteContext): Promise<SageRow>;

	listAddresses(q: AddressListQuery): Promise<Page>;
	getAddress(accountRef: string, addressRef: number): Promise<SageRow | undefined>;
	createAddress(accountRef: string, input: SageRow, ctx: WriteContext): Promise<SageRow>;
	updateAddress(accountRef: string, addressRef: number, patch: SageRow, ctx: WriteContext): Promise<SageRow>;

	listProducts(q: ListQuery): Promise<Page>;
	getProduct(stockCode: string): Promise<SageRow | undefined>;
	getProductImage(stockCode: string): Promise<{ contentType: string; bytes: Buffer } | undefined>;

	listSalesOrders(q: SalesOrderListQuery): Promise<Page>;
	getSalesOrder(orderNumber: number): Promise<SageRow | undefined>;
	createSalesOrder(input: SageRow, ctx: WriteContext): Promise<SageRow>;
	updateSalesOrder(orderNumber: number, patch: SageRow, ctx: WriteContext): Promise<SageRow>;

	listInvoices(q: InvoiceListQuery): Promise<Page>;
	getInvoice(invoiceNumber: number): Promise<SageRow | undefined>;

	listUsers(q: ListQuery): Promise<Page>;
	getUser(userName: string): Promise<SageRow | undefined>;

	lookup(kind: LookupKind): Promise<SageRow[]>;

	/** Newest change per record with seq > after, ordered by seq. */
	changes(entity: ChangeEntity, after: number, limit: number): Promise<ChangePage>;
	/** The journal without records (keys and sequences only), and its newest sequence. */
	journal(entity: ChangeEntity, after: number, limit: number): Promise<JournalEntry[]>;
	journalHead(entity: ChangeEntity): Promise<number>;
	/** Current records (deleted ones as their last state) by key, as the change feed shows them. */
	records(entity: ChangeEntity, keys: string[]): Promise<Map<string, SageRow>>;

	/**
	 * Idempotency records, persisted (a Windows adapter keeps them in its own local database) and
	 * kept for a limited time (the HTTP layer's policy, times in epoch seconds): `get` ignores a record
	 * stored at or before `expiredAt`; `save` stores (or replaces) one stamped `at` and deletes every
	 * record stored at or before `expiredAt`, so the table never outgrows the retention window.
	 */
	getIdempotency(key: string, expiredAt: number): Promise<StoredResponse | undefined>;
	saveIdempotency(record: StoredResponse, at: number, expiredAt: number): Promise<void>;

	close(): Promise<void>;
}
