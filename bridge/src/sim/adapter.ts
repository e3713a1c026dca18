// SageAdapter over the simulated company. API writes are recorded with source 'bridge'.
import type { AdapterHealth, ChangeEntity, JournalEntry, LookupKind, Page, SageAdapter, SageRow, StoredResponse, WriteContext } from '../adapter';
import type { AddressListQuery, InvoiceListQuery, ListQuery, SalesOrderListQuery } from '../adapter';
import type { SimulatedCompany } from './company';
import { ExternalRefs, recordKey, type RefEntity } from '../local/externalRefs';

const REF_ENTITIES: readonly string[] = ['customers', 'addresses', 'sales-orders'];

export class SimulatedSageAdapter implements SageAdapter {
	readonly refs: ExternalRefs;

	constructor(readonly company: SimulatedCompany) {
		this.refs = new ExternalRefs(company.store, company.store.clock);
	}

	private page(entity: RefEntity, page: Page): Page {
		this.refs.decorate(entity, page.items);
		return page;
	}

	private one(entity: RefEntity, record: SageRow | undefined): SageRow | undefined {
		return this.refs.decorate(entity, [record])[0];
	}

	/** The create and its reference in one transaction; a used reference creates nothing. */
	private create(entity: RefEntity, ctx: WriteContext | undefined, fn: () => SageRow): SageRow {
		return this.company.store.tx(() => {
			this.refs.assertFree(entity, ctx?.externalRef);
			const record = fn();
			this.refs.save(entity, ctx?.externalRef, recordKey(entity, record));
			return this.one(entity, record)!;
		});
	}

	async health(): Promise<AdapterHealth> {
		const info = this.company.companyInfo;
		return { status: 'ok', adapter: 'simulated', sageVersion: info.version, company: info.name, odbc: { state: 'simulated' }, sdo: { state: 'simulated' } };
	}

	async listCustomers(q: ListQuery) {
		return this.page('customers', this.company.listCustomers(this.refs.narrow('customers', q)));
	}
	async getCustomer(ref: string) {
		return this.one('customers', this.company.getCustomer(ref));
	}
	async createCustomer(input: SageRow, ctx?: WriteContext) {
		return this.create('customers', ctx, () => this.company.createCustomer(input, 'bridge'));
	}
	async updateCustomer(ref: string, patch: SageRow) {
		return this.one('customers', this.company.updateCustomer(ref, patch, 'bridge'))!;
	}

	async listAddresses(q: AddressListQuery) {
		return this.page('addresses', this.company.listAddresses(this.refs.narrow('addresses', q)));
	}
	async getAddress(ref: string, addressRef: number) {
		return this.one('addresses', this.company.getAddress(ref, addressRef));
	}
	async createAddress(ref: string, input: SageRow, ctx?: WriteContext) {
		return this.create('addresses', ctx, () => this.company.createAddress(ref, input, 'bridge'));
	}
	async updateAddress(ref: string, addressRef: number, patch: SageRow) {
		return this.one('addresses', this.company.updateAddress(ref, addressRef, patch, 'bridge'))!;
	}

	async listProducts(q: ListQuery) {
		return this.company.listProducts(q);
	}
	async getProduct(code: string) {
		return this.company.getProduct(code);
	}
	async getProductImage(code: string) {
		return this.company.getProductImage(code);
	}

	async listSalesOrders(q: SalesOrderListQuery) {
		return this.page('sales-orders', this.company.listSalesOrders(this.refs.narrow('sales-orders', q)));
	}
	async getSalesOrder(n: number) {
		return this.one('sales-orders', this.company.documents.getSalesOrder(n));
	}
	async createSalesOrder(input: SageRow, ctx?: WriteContext) {
		return this.create('sales-orders', ctx, () => this.company.documents.createSalesOrder(input, 'bridge'));
	}
	async updateSalesOrder(n: number, patch: SageRow) {
		return this.one('sales-orders', this.company.documents.updateSalesOrder(n, patch, 'bridge'))!;
	}

	async listInvoices(q: InvoiceListQuery) {
		return this.company.listInvoices(q);
	}
	async getInvoice(n: number) {
		return this.company.documents.getInvoice(n);
	}

	async listUsers(q: ListQuery) {
		return this.company.listUsers(q);
	}
	async getUser(name: string) {
		return this.company.getUser(name);
	}

	async lookup(kind: LookupKind) {
		return this.company.lookup(kind);
	}

	async changes(entity: ChangeEntity, after: number, limit: number) {
		const page = this.company.changes(entity, after, limit);
		if (REF_ENTITIES.includes(entity)) this.refs.decorate(entity as RefEntity, page.items.map((c) => c.record));
		return page;
	}

	async journal(entity: ChangeEntity, after: number, limit: number): Promise<JournalEntry[]> {
		return this.company.journal(entity, after, limit);
	}
	async journalHead(entity: ChangeEntity): Promise<number> {
		return this.company.journalHead(entity);
	}
	async records(entity: ChangeEntity, keys: string[]): Promise<Map<string, SageRow>> {
		const out = new Map<string, SageRow>();
		for (const key of keys) {
			const record = this.company.recordFor(entity, key);
			if (record) out.set(key, record);
		}
		if (REF_ENTITIES.includes(entity)) this.refs.decorate(entity as RefEntity, [...out.values()]);
		return out;
	}

	async getIdempotency(key: string, expiredAt: number) {
		return this.company.getIdempotency(key, expiredAt);
	}
	async saveIdempotency(record: StoredResponse, at: number, expiredAt: number) {
		this.company.saveIdempotency(record, at, expiredAt);
	}

	async close(): Promise<void> {
		this.company.store.close();
	}
}
