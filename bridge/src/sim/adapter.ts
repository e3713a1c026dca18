// SageAdapter over the simulated company. API writes are recorded with source 'bridge'.
import type { AdapterHealth, ChangeEntity, LookupKind, SageAdapter, SageRow, StoredResponse } from '../adapter';
import type { AddressListQuery, InvoiceListQuery, ListQuery, SalesOrderListQuery } from '../adapter';
import type { SimulatedCompany } from './company';

export class SimulatedSageAdapter implements SageAdapter {
	constructor(readonly company: SimulatedCompany) {}

	async health(): Promise<AdapterHealth> {
		const info = this.company.companyInfo;
		return { status: 'ok', adapter: 'simulated', sageVersion: info.version, company: info.name };
	}

	async listCustomers(q: ListQuery) {
		return this.company.listCustomers(q);
	}
	async getCustomer(ref: string) {
		return this.company.getCustomer(ref);
	}
	async createCustomer(input: SageRow) {
		return this.company.createCustomer(input, 'bridge');
	}
	async updateCustomer(ref: string, patch: SageRow) {
		return this.company.updateCustomer(ref, patch, 'bridge');
	}

	async listAddresses(q: AddressListQuery) {
		return this.company.listAddresses(q);
	}
	async getAddress(ref: string, addressRef: number) {
		return this.company.getAddress(ref, addressRef);
	}
	async createAddress(ref: string, input: SageRow) {
		return this.company.createAddress(ref, input, 'bridge');
	}
	async updateAddress(ref: string, addressRef: number, patch: SageRow) {
		return this.company.updateAddress(ref, addressRef, patch, 'bridge');
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
		return this.company.listSalesOrders(q);
	}
	async getSalesOrder(n: number) {
		return this.company.documents.getSalesOrder(n);
	}
	async createSalesOrder(input: SageRow) {
		return this.company.documents.createSalesOrder(input, 'bridge');
	}
	async updateSalesOrder(n: number, patch: SageRow) {
		return this.company.documents.updateSalesOrder(n, patch, 'bridge');
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
		return this.company.changes(entity, after, limit);
	}

	async getIdempotency(key: string) {
		return this.company.getIdempotency(key);
	}
	async saveIdempotency(record: StoredResponse) {
		this.company.saveIdempotency(record);
	}

	async close(): Promise<void> {
		this.company.store.close();
	}
}
