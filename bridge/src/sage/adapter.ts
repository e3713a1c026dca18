// SageAdapter over a real Sage 50 company: reads through ODBC (reads.ts), changes found by polling
// (capture.ts), writes through a SageWriter (SDO on Windows) and then read back through ODBC and
// captured as the bridge's own. The bridge's own tables (journal, snapshots, idempotency records,
// external references, delivery ledger) live in its local SQLite database on the Sage PC.
// Without a writer (`sage.sdo.enabled: false`, or SDO not installed) the adapter is read-only:
// enough for every Sage → ForceManager template; each write answers READ_ONLY, naming what to enable.
// Users come from the configuration's directory (users.ts): Sage exposes no users table.
import type { AdapterHealth, AddressListQuery, ChangeEntity, ChangePage, InvoiceListQuery, JournalEntry, ListQuery, LookupKind, Page } from '../adapter';
import type { SageAdapter, SageRow, SalesOrderListQuery, StoredResponse, WriteContext } from '../adapter';
import type { SageUserEntry } from '../config';
import { BridgeError } from '../errors';
import { ExternalRefs, type RefEntity } from '../local/externalRefs';
import { getIdempotency, saveIdempotency } from '../local/idempotency';
import { ChangeJournal } from '../local/journal';
import { LOCAL_SCHEMA } from '../local/schema';
import { SqliteDb } from '../local/sqliteDb';
import { BridgeClock } from '../time';
import { ChangeCapture, type CaptureOptions, DEFAULT_CAPTURE, keyOf, type PassSummary, localSequence } from './capture';
import { OdbcSqlConnection } from './odbcConnection';
import { SageReader, type ScanEntity } from './reads';
import type { SqlConnection } from './sql';
import { SageUsers } from './users';
import type { SageWriter } from './writer';

/** The part of the configuration's `sage` object this adapter reads. */
export interface SageOdbcConfig {
	odbc: { connectionString: string };
	/** `enabled: false` → read-only mode (no writer is used even if one is given). */
	sdo?: { enabled?: boolean };
	/** The bridge's local SQLite file (journal, snapshots, idempotency, delivery ledger, external refs). */
	localDb: string;
	capture?: Partial<CaptureOptions>;
	/** Folder holding the product image files WEB_IMAGE_FILE names; absent: no product images. */
	imagesDir?: string;
	/** The Sage users directory (`sage.users`); absent: no users. */
	users?: readonly SageUserEntry[];
}

export interface SageOdbcConnections {
	/** Default: the npm `odbc` package on `odbc.connectionString`. */
	sql?: SqlConnection;
	/** The SDO writer (sage-sdo); absent → read-only mode. */
	writer?: SageWriter;
	clock?: BridgeClock;
}

/** What a health endpoint reports beyond AdapterHealth: ODBC, SDO and capture state. */
export interface SageOdbcStatus {
	odbc: { state: 'connected' | 'error'; detail?: string };
	sdo: { state: 'connected' | 'disconnected' | 'unavailable' | 'read-only'; sdoVersion?: string; detail?: string };
	capture: { lastPassAt: string | null; lastError?: string };
}

const REF_ENTITIES: readonly string[] = ['customers', 'addresses', 'sales-orders'];

function readOnly(what: string): BridgeError {
	return new BridgeError(
		'READ_ONLY',
		`The bridge is connected to Sage 50 read-only (ODBC), so it cannot ${what}. Writes need Sage Data Objects (SDO): install the Sage 50 SDK on the Sage PC and set "sage.sdo.enabled": true with the SDO user in the bridge's configuration file.`,
	);
}

export class SageOdbcAdapter implements SageAdapter {
	readonly local: SqliteDb;
	readonly reader: SageReader;
	readonly capture: ChangeCapture;
	readonly refs: ExternalRefs;
	readonly users: SageUsers;
	private readonly journalStore: ChangeJournal;

	constructor(
		readonly config: SageOdbcConfig,
		readonly sql: SqlConnection,
		readonly writer: SageWriter | undefined,
		readonly clock: BridgeClock,
	) {
		this.local = new SqliteDb(config.localDb, LOCAL_SCHEMA);
		this.reader = new SageReader(sql, config.imagesDir);
		this.journalStore = new ChangeJournal(this.local, localSequence(this.local));
		this.capture = new ChangeCapture(this.reader, this.local, this.journalStore, clock, { ...DEFAULT_CAPTURE, ...config.capture });
		this.refs = new ExternalRefs(this.local, clock);
		// The bridge starts: users added, changed or removed in the directory since it last ran are journaled.
		this.users = new SageUsers(this.capture, clock);
		this.users.load(config.users ?? []);
	}

	/** Starts the capture timer (the bridge service calls it once; tests run passes themselves). */
	startCapture(onError: (error: unknown) => void, onPass?: (summary: PassSummary) => void): void {
		this.capture.start(onError, onPass);
	}

	// ---- health --------------------------------------------------------------------------------

	async status(): Promise<SageOdbcStatus & { company: string }> {
		let odbc: SageOdbcStatus['odbc'] = { state: 'connected' };
		let company = '';
		try {
			company = String((await this.sql.query('SELECT NAME FROM COMPANY'))[0]?.NAME ?? '');
		} catch (error) {
			odbc = { state: 'error', detail: (error as Error).message };
		}
		const sdo = this.writer ? await this.writer.status() : { state: 'read-only' as const, detail: 'sage.sdo.enabled is false or no SDO writer: writes answer READ_ONLY' };
		return { odbc, sdo, capture: { lastPassAt: this.capture.lastPassAt, ...(this.capture.lastError ? { lastError: this.capture.lastError } : {}) }, company };
	}

	async health(): Promise<AdapterHealth> {
		const status = await this.status();
		const company = status.company;
		const sdoOk = status.sdo.state === 'connected' || status.sdo.state === 'read-only';
		return {
			status: status.odbc.state === 'connected' && sdoOk ? 'ok' : 'degraded',
			adapter: this.writer ? 'sage' : 'sage (read-only)',
			sageVersion: status.sdo.sdoVersion ?? 'unknown (ODBC only)',
			company,
			// States only: the reasons (driver messages, paths) stay in status() and the bridge's log.
			odbc: { state: status.odbc.state === 'connected' ? 'connected' : 'unavailable' },
			sdo: { state: status.sdo.state, ...(status.sdo.sdoVersion ? { version: status.sdo.sdoVersion } : {}) },
		};
	}

	// ---- reads ---------------------------------------------------------------------------------

	private decorated(entity: RefEntity, page: Page): Page {
		this.refs.decorate(entity, page.items);
		return page;
	}

	private one(entity: RefEntity, record: SageRow | undefined): SageRow | undefined {
		return this.refs.decorate(entity, [record])[0];
	}

	async listCustomers(q: ListQuery) {
		return this.decorated('customers', await this.reader.listCustomers(this.refs.narrow('customers', q)));
	}
	async getCustomer(ref: string) {
		return this.one('customers', await this.reader.getCustomer(ref));
	}
	async listAddresses(q: AddressListQuery) {
		return this.decorated('addresses', await this.reader.listAddresses(this.refs.narrow('addresses', q)));
	}
	async getAddress(ref: string, addressRef: number) {
		return this.one('addresses', await this.reader.getAddress(ref, addressRef));
	}
	async listProducts(q: ListQuery) {
		return this.reader.listProducts(q);
	}
	async getProduct(code: string) {
		return this.reader.getProduct(code);
	}
	async getProductImage(code: string) {
		return this.reader.getProductImage(code);
	}
	async listSalesOrders(q: SalesOrderListQuery) {
		return this.decorated('sales-orders', await this.reader.listSalesOrders(this.refs.narrow('sales-orders', q)));
	}
	async getSalesOrder(n: number) {
		return this.one('sales-orders', await this.reader.getSalesOrder(n));
	}
	async listInvoices(q: InvoiceListQuery) {
		return this.reader.listInvoices(q);
	}
	async getInvoice(n: number) {
		return this.reader.getInvoice(n);
	}
	async lookup(kind: LookupKind) {
		return this.reader.lookup(kind);
	}

	/**
	 * Sage's documented ODBC schema has no users table and SDO's AccessData has no documented field
	 * list, so users are the admin's directory in the configuration (`sage.users`, users.ts).
	 */
	async listUsers(q: ListQuery): Promise<Page> {
		return this.users.list(q);
	}
	async getUser(name: string): Promise<SageRow | undefined> {
		return this.users.get(name);
	}

	// ---- writes (SageWriter, then read back and captured as the bridge's) ----------------------

	private async written(entity: ScanEntity, key: string): Promise<SageRow> {
		const [record] = await this.capture.captureKeys(entity, [key], 'bridge');
		if (!record) throw new BridgeError('INTERNAL_ERROR', `Sage accepted the write but ${entity} ${key} cannot be read back through ODBC`, { record: key });
		return record;
	}

	private async create(entity: RefEntity, ctx: WriteContext | undefined, write: () => Promise<string>): Promise<SageRow> {
		this.refs.assertFree(entity, ctx?.externalRef);
		const key = await write();
		const record = await this.written(entity, key);
		// Sage and the local database share no transaction: the reference is stored right after the write.
		this.refs.save(entity, ctx?.externalRef, key);
		return this.one(entity, record)!;
	}

	private requireWriter(what: string): SageWriter {
		if (!this.writer) throw readOnly(what);
		return this.writer;
	}

	async createCustomer(input: SageRow, ctx?: WriteContext) {
		const writer = this.requireWriter('create customers');
		return this.create('customers', ctx, () => writer.createCustomer(input));
	}
	async updateCustomer(ref: string, patch: SageRow, _ctx?: WriteContext) {
		const writer = this.requireWriter('update customers');
		await writer.updateCustomer(ref, patch);
		return this.one('customers', await this.written('customers', ref.toUpperCase()))!;
	}
	async createAddress(ref: string, input: SageRow, ctx?: WriteContext) {
		const writer = this.requireWriter('create addresses or contacts');
		return this.create('addresses', ctx, async () => {
			const addressRef = await writer.createAddress(ref, input);
			return String((await this.reader.getAddress(ref, addressRef))?.REFERENCE ?? '');
		});
	}
	async updateAddress(ref: string, addressRef: number, patch: SageRow, _ctx?: WriteContext) {
		const writer = this.requireWriter('update addresses or contacts');
		await writer.updateAddress(ref, addressRef, patch);
		const reference = (await this.reader.getAddress(ref, addressRef))?.REFERENCE;
		return this.one('addresses', await this.written('addresses', String(reference ?? '')))!;
	}
	async createSalesOrder(input: SageRow, ctx?: WriteContext) {
		const writer = this.requireWriter('create sales orders or quotations');
		return this.create('sales-orders', ctx, async () => String(await writer.createSalesOrder(input)));
	}
	async updateSalesOrder(n: number, patch: SageRow, _ctx?: WriteContext) {
		const writer = this.requireWriter('update sales orders or quotations');
		await writer.updateSalesOrder(n, patch);
		return this.one('sales-orders', await this.written('sales-orders', String(n)))!;
	}

	// ---- change feed ---------------------------------------------------------------------------

	async changes(entity: ChangeEntity, after: number, limit: number): Promise<ChangePage> {
		await this.capture.ensureFresh();
		const rows = this.journalStore.pageRows(entity, after, limit);
		const records = await this.records(entity, rows.map((r) => String(r.RECORD_KEY)));
		return this.journalStore.page(entity, after, limit, rows, records);
	}

	async journal(entity: ChangeEntity, after: number, limit: number): Promise<JournalEntry[]> {
		await this.capture.ensureFresh();
		return this.journalStore.entries(entity, after, limit);
	}

	async journalHead(entity: ChangeEntity): Promise<number> {
		await this.capture.ensureFresh();
		return this.journalStore.head(entity);
	}

	/** Current records by key; a record gone from Sage as the capture last saw it (RECORD_DELETED 1). */
	async records(entity: ChangeEntity, keys: string[]): Promise<Map<string, SageRow>> {
		if (entity === 'users') return this.capture.snapshots(entity, keys);
		const out = new Map<string, SageRow>();
		if (keys.length === 0) return out;
		const live = await this.reader.byKeys(entity, keys);
		const byKey = new Map(live.map((r) => [keyOf(entity, r), r]));
		const gone = this.capture.snapshots(entity, keys.filter((k) => !byKey.has(k)));
		for (const key of keys) {
			const record = byKey.get(key) ?? gone.get(key);
			if (record) out.set(key, record);
		}
		if (REF_ENTITIES.includes(entity)) this.refs.decorate(entity as RefEntity, [...out.values()]);
		return out;
	}

	// ---- idempotency (local database) ----------------------------------------------------------

	async getIdempotency(key: string, expiredAt: number): Promise<StoredResponse | undefined> {
		return getIdempotency(this.local, key, expiredAt);
	}
	async saveIdempotency(record: StoredResponse, at: number, expiredAt: number): Promise<void> {
		saveIdempotency(this.local, record, at, expiredAt);
	}

	async close(): Promise<void> {
		this.capture.stop();
		await this.writer?.close();
		await this.sql.close();
		this.local.close();
	}
}

/**
 * The adapter from the configuration's `sage` object: ODBC on `sage.odbc.connectionString` unless a
 * connection is given, the SDO writer if given and `sage.sdo.enabled` is not false (else read-only).
 */
export function createSageOdbcAdapter(config: SageOdbcConfig, connections: SageOdbcConnections = {}): SageOdbcAdapter {
	if (!config.odbc?.connectionString && !connections.sql) throw new Error('sage.odbc.connectionString is required');
	if (!config.localDb) throw new Error('sage.localDb is required (the bridge\'s local SQLite file)');
	const sql = connections.sql ?? new OdbcSqlConnection(config.odbc.connectionString);
	const writer = config.sdo?.enabled === false ? undefined : connections.writer;
	return new SageOdbcAdapter(config, sql, writer, connections.clock ?? new BridgeClock());
}
