// People at work between two rounds of sync cycles: a bookkeeper in Sage 50 (through the bridge's
// admin API, i.e. as a Sage user: customers, addresses and contacts, products, orders, quotations,
// invoices, users) and sales reps in ForceManager (through the simulator's admin API, i.e. as a UI
// user: prospect accounts, contacts, quotations with lines, deletions). Some gaps edit one contact
// on both sides (the same field, or different fields). Everything is seeded (same seed, same
// edits) and logged (editLog.ts) with the canonical values the checker compares.
//
// Values are unique per edit (they carry the edit's sequence number) so "the person had seen the
// other side's value" can be told from "they edited over it". Every record a person creates
// carries a token (`s7n12`) in its name/reference for good, so copies are found whatever their keys.
import type { IDataObject } from 'n8n-workflow';

import type { ForceManagerAdmin, SageAdmin } from '../support/sync';
import { canonical, text, type PairEntity } from './correspondence';
import type { EditEntity, EditLog, Side } from './editLog';
import type { Random } from './random';
import { isLiveFm, isLiveSage, readState, type SystemsState } from './state';

export const ACTIONS = {
	sageCreateCustomer: 3,
	sageEditCustomer: 7,
	sageDeleteCustomer: 0.4,
	sageAddContact: 4,
	sageAddDeliveryAddress: 1,
	sageEditContact: 6,
	sageEditDeliveryAddress: 1,
	sageDeleteAddress: 1,
	sageCreateProduct: 1.5,
	sageEditProduct: 4,
	sageDeleteProduct: 0.3,
	sageCreateOrder: 2,
	sageEditOrder: 2,
	sageCreateInvoice: 1.5,
	sageCreateUser: 0.3,
	fmCreateAccount: 3,
	fmEditAccount: 2.5,
	fmDeleteAccount: 0.3,
	fmCreateContact: 4,
	fmEditContact: 8,
	fmDeleteContact: 1,
	fmCreateQuotation: 2.5,
	fmEditQuotation: 1,
	fmDeleteQuotation: 0.3,
	bothSidesContact: 2,
} as const;
export type Action = keyof typeof ACTIONS;

export interface PeopleOptions {
	seed: number;
	rng: Random;
	fm: ForceManagerAdmin;
	sage: SageAdmin;
	log: EditLog;
	/** Chance that an FM contact a person creates is invalid on purpose (name over Sage's 30 characters). Default 0.05. */
	invalidRate?: number;
	weights?: Partial<Record<Action, number>>;
}

const FIRST = ['Amy', 'Ben', 'Chloe', 'Dev', 'Ella', 'Finn', 'Grace', 'Hari', 'Isla', 'Jack', 'Kate', 'Liam', 'Maya', 'Niall', 'Olive', 'Priya', 'Rhys', 'Sofia', 'Tom', 'Zara'];
const SURNAMES = ['Hughes', 'Patel', 'Evans', 'Walsh', 'Khan', 'Murphy', 'Owen', 'Price', 'Reid', 'Shaw', 'Young', 'Lloyd'];
const WORDS = ['Acme', 'Brook', 'Castle', 'Delta', 'Eagle', 'Forge', 'Granite', 'Harbour', 'Ivy', 'Juniper', 'Kestrel', 'Lark', 'Meadow', 'Oak'];
const KINDS = ['Garages', 'Bakery', 'Design', 'Logistics', 'Print', 'Joinery', 'Cafe', 'Supplies', 'Engineering', 'Foods'];
const SUFFIXES = ['Ltd', 'Limited', '& Co', 'Group', 'Services', 'Trading'];
const TOWNS = ['Leeds', 'Bristol', 'Cardiff', 'Glasgow', 'Belfast', 'Norwich', 'York', 'Exeter', 'Derby', 'Bath', 'Galway', 'Cork'];
const STREETS = ['High Street', 'Mill Lane', 'Station Road', 'Church Walk', 'Quay Street', 'Market Place'];
const PRODUCT_WORDS = ['Desk lamp', 'Filing cabinet', 'Printer ink', 'Copier toner', 'Office chair', 'Whiteboard', 'Consulting hour', 'Delivery charge'];

/** How a canonical field is edited on each side: the native field and a fresh value. */
interface FieldEdit {
	sage: string;
	fm: string;
	value(p: People, seq: number, current: { sage?: IDataObject; fm?: IDataObject }): string;
}

const phone = (p: People, seq: number) => `01${p.rng.int(100, 999)} ${String(seq).padStart(6, '0')}`;
const CONTACT_EDITS: Record<string, FieldEdit> = {
	name: { sage: 'CONTACT_NAME', fm: 'firstName', value: (p, _s, c) => p.rng.pick(FIRST.filter((f) => !text(c.fm?.firstName ?? c.sage?.CONTACT_NAME).startsWith(f))) },
	email: { sage: 'E_MAIL', fm: 'email', value: (p, s) => `${p.rng.pick(FIRST).toLowerCase()}.${s}@${p.rng.pick(['example.co.uk', 'example.ie', 'example.com'])}` },
	phone1: { sage: 'TELEPHONE', fm: 'phone1', value: phone },
	phone2: { sage: 'TELEPHONE_2', fm: 'phone2', value: phone },
	address1: { sage: 'ADDRESS_1', fm: 'address1', value: (p, s) => `${s} ${p.rng.pick(STREETS)}` },
	city: { sage: 'ADDRESS_3', fm: 'city', value: (p, s) => `${p.rng.pick(TOWNS)} ${s}` },
	postcode: { sage: 'ADDRESS_5', fm: 'postcode', value: (p, s) => `${p.rng.pick(['LS', 'BS', 'CF', 'EX', 'YO'])}${p.rng.int(1, 20)} ${s}` },
	comment: { sage: 'NOTES', fm: 'comment', value: (p, s) => `${p.rng.pick(['Prefers e-mail', 'Call after 2pm', 'Met at trade show', 'Ask for the buyer'])} (${s})` },
};
const ACCOUNT_EDITS: Record<string, FieldEdit> = {
	address1: CONTACT_EDITS.address1,
	city: CONTACT_EDITS.city,
	postcode: CONTACT_EDITS.postcode,
	phone: { sage: 'TELEPHONE', fm: 'phone', value: phone },
	email: { sage: 'E_MAIL', fm: 'email', value: (p, s) => `accounts.${s}@${p.rng.pick(['example.co.uk', 'example.ie'])}` },
	website: { sage: 'WEB_ADDRESS', fm: 'website', value: (_p, s) => `www.shop${s}.example.com` },
	vatNumber: { sage: 'VAT_REG_NUMBER', fm: 'vatNumber', value: (_p, s) => `GB${String(100000000 + s)}` },
};

const lastWord = (name: unknown) => text(name).split(' ').pop() ?? '';

export class People {
	readonly rng: Random;
	private readonly fm: ForceManagerAdmin;
	private readonly sage: SageAdmin;
	private readonly log: EditLog;
	private readonly weights: Record<Action, number>;
	private readonly invalidRate: number;
	private serial = 0;
	/** Snapshot of both systems at the start of the gap, kept current with every edit of the gap. */
	private snap!: SystemsState;
	/** Edits the systems refused (e.g. a validation a person would see on screen): skipped, not logged. */
	readonly refused: string[] = [];

	constructor(private readonly options: PeopleOptions) {
		this.rng = options.rng;
		this.fm = options.fm;
		this.sage = options.sage;
		this.log = options.log;
		this.weights = { ...ACTIONS, ...options.weights };
		this.invalidRate = options.invalidRate ?? 0.05;
	}

	/**
	 * `edits` actions of people between two rounds of cycles, the first `bothSides` of them one
	 * contact edited in Sage and in ForceManager (the rest drawn by weight).
	 */
	async gap(edits: number, bothSides = 1): Promise<void> {
		this.snap = await readState({ fm: this.fm, sage: this.sage });
		for (let i = 0; i < edits; i++) {
			const action: Action = i < bothSides ? 'bothSidesContact' : this.rng.weighted(this.weights);
			try {
				await this[action]();
			} catch (error) {
				const e = error as { response?: { data?: IDataObject }; message: string };
				if (!e.response) throw error; // our own bug or a dead simulator: stop the soak
				this.refused.push(`${action}: ${JSON.stringify(e.response.data ?? e.message)}`);
			}
		}
	}

	// ---- helpers ---------------------------------------------------------------------------------

	private token(): string {
		this.serial++;
		return `s${this.options.seed}n${this.serial}`;
	}

	private nextSeq(): number {
		return this.log.entries.length + 1;
	}

	private record(side: Side, entity: EditEntity, op: 'create' | 'update' | 'delete', record: string, before: IDataObject | undefined, after: IDataObject | undefined, extra: { body?: IDataObject; token?: string; invalid?: string; bothSides?: 'same-field' | 'different-fields' } = {}) {
		const paired = ['account', 'contact', 'product', 'order', 'sale'].includes(entity);
		let fields: Record<string, string> = {};
		let was: Record<string, string> | undefined;
		if (paired && after) {
			const now = canonical(entity as PairEntity, side, after);
			if (op === 'create' || !before) fields = now;
			else {
				const old = canonical(entity as PairEntity, side, before);
				was = {};
				for (const [k, v] of Object.entries(now)) if (old[k] !== v) (fields[k] = v), (was[k] = old[k]);
				if (Object.keys(fields).length === 0) return; // nothing changed: no edit
			}
		} else if (extra.body) fields = Object.fromEntries(Object.entries(extra.body).map(([k, v]) => [k, text(v)]));
		this.log.add({ side, entity, op, record, fields, before: was, ...extra });
	}

	private replace(rows: IDataObject[], match: (r: IDataObject) => boolean, row: IDataObject) {
		const i = rows.findIndex(match);
		if (i >= 0) rows[i] = { ...rows[i], ...row };
		else rows.push(row);
	}

	private sageCustomers(postable = false) {
		return this.snap.sage.SALES_LEDGER.filter((c) => isLiveSage(c) && (!postable || (Number(c.ACCOUNT_ON_HOLD) !== 1 && Number(c.INACTIVE_FLAG) !== 1)));
	}

	private sageAddresses(type?: number) {
		const live = new Set(this.sageCustomers().map((c) => c.ACCOUNT_REF));
		return this.snap.sage.SALES_DEL_ADDR.filter((a) => isLiveSage(a) && live.has(a.ACCOUNT_REF) && (type === undefined || Number(a.ADDRESS_TYPE) === type));
	}

	private sageProducts(activeOnly = true) {
		return this.snap.sage.STOCK.filter((p) => isLiveSage(p) && (!activeOnly || Number(p.INACTIVE_FLAG) !== 1));
	}

	private fmLive(entity: 'accounts' | 'contacts' | 'products' | 'salesorders') {
		return this.snap.fm[entity].filter(isLiveFm);
	}

	/** Quotations people raised in ForceManager (not the sync's copies of Sage documents). */
	private fmQuotations() {
		const mine = new Set(this.log.entries.filter((e) => e.side === 'fm' && e.entity === 'order' && e.op === 'create').map((e) => e.record));
		return this.fmLive('salesorders').filter((o) => mine.has(String(o.id)));
	}

	private async sageRow(table: 'SALES_ORDER' | 'SALES_LEDGER', match: (r: IDataObject) => boolean): Promise<IDataObject | undefined> {
		return (await this.sage.table(table)).find(match);
	}

	private addressKey(a: IDataObject) {
		return `${text(a.ACCOUNT_REF)}/${text(a.ADDRESS_REF)}`;
	}

	private async sageEditAddress(address: IDataObject, body: IDataObject, both?: 'same-field' | 'different-fields') {
		const after = await this.sage.editAddress(String(address.ACCOUNT_REF), Number(address.ADDRESS_REF), body);
		const entity: EditEntity = Number(address.ADDRESS_TYPE) === 1 ? 'contact' : 'address';
		this.record('sage', entity, 'update', this.addressKey(address), address, after, { body, bothSides: both });
		this.replace(this.snap.sage.SALES_DEL_ADDR, (r) => r.REFERENCE === address.REFERENCE, after);
	}

	private async fmEdit(entity: 'accounts' | 'contacts' | 'salesorders', id: unknown, body: IDataObject, both?: 'same-field' | 'different-fields') {
		const before = await this.fm.record(entity, Number(id));
		const after = await this.fm.uiUpdate(entity, Number(id), body);
		const kind: EditEntity = entity === 'accounts' ? 'account' : entity === 'contacts' ? 'contact' : 'order';
		this.record('fm', kind, 'update', String(id), before, after, { body, bothSides: both });
		this.replace(this.snap.fm[entity], (r) => r.id === after.id, after);
	}

	private contactBody(side: Side, field: string, current: { sage?: IDataObject; fm?: IDataObject }, seq: number): IDataObject {
		const edit = CONTACT_EDITS[field];
		const value = edit.value(this, seq, current);
		if (field === 'name' && side === 'sage') return { CONTACT_NAME: `${value} ${lastWord(current.sage?.CONTACT_NAME)}` };
		return { [side === 'sage' ? edit.sage : edit.fm]: value };
	}

	// ---- Sage 50 -----------------------------------------------------------------------------------

	async sageCreateCustomer() {
		const token = this.token();
		const seq = this.nextSeq();
		const body: IDataObject = {
			NAME: `${this.rng.pick(WORDS)} ${this.rng.pick(KINDS)} ${token}`,
			ADDRESS_1: `${seq} ${this.rng.pick(STREETS)}`,
			ADDRESS_3: this.rng.pick(TOWNS),
			ADDRESS_5: `LS${this.rng.int(1, 20)} ${this.rng.int(1, 9)}AB`,
			COUNTRY_CODE: this.rng.pick(['GB', 'GB', 'IE']),
			TELEPHONE: phone(this, seq),
			E_MAIL: `office.${seq}@example.co.uk`,
			CONTACT_NAME: `${this.rng.pick(FIRST)} ${this.rng.pick(SURNAMES)}`,
		};
		const row = await this.sage.createCustomer(body);
		this.record('sage', 'account', 'create', String(row.ACCOUNT_REF), undefined, row, { body, token });
		this.snap.sage.SALES_LEDGER.push(row);
	}

	async sageEditCustomer() {
		const customers = this.sageCustomers();
		if (customers.length === 0) return;
		const c = this.rng.pick(customers);
		const seq = this.nextSeq();
		const field = this.rng.pick(['name', ...Object.keys(ACCOUNT_EDITS)]);
		let body: IDataObject;
		if (field === 'name') {
			const token = text(c.NAME).match(/\bs\d+n\d+$/)?.[0];
			body = { NAME: [text(c.NAME).split(' ')[0], this.rng.pick(KINDS), this.rng.pick(SUFFIXES), token].filter(Boolean).join(' ') };
		} else body = { [ACCOUNT_EDITS[field].sage]: ACCOUNT_EDITS[field].value(this, seq, { sage: c }) };
		const after = await this.sage.editCustomer(String(c.ACCOUNT_REF), body);
		this.record('sage', 'account', 'update', String(c.ACCOUNT_REF), c, after, { body });
		this.replace(this.snap.sage.SALES_LEDGER, (r) => r.ACCOUNT_REF === c.ACCOUNT_REF, after);
	}

	async sageDeleteCustomer() {
		const withDocuments = new Set([...this.snap.sage.SALES_ORDER, ...this.snap.sage.INVOICE].map((d) => d.ACCOUNT_REF));
		const mine = new Set(this.log.entries.filter((e) => e.entity === 'account' && e.op === 'create' && e.side === 'sage').map((e) => e.record));
		const candidates = this.sageCustomers().filter((c) => mine.has(String(c.ACCOUNT_REF)) && !withDocuments.has(c.ACCOUNT_REF));
		if (candidates.length === 0) return;
		const c = this.rng.pick(candidates);
		await this.sage.deleteCustomer(String(c.ACCOUNT_REF));
		this.record('sage', 'account', 'delete', String(c.ACCOUNT_REF), c, undefined);
		this.replace(this.snap.sage.SALES_LEDGER, (r) => r.ACCOUNT_REF === c.ACCOUNT_REF, { RECORD_DELETED: 1 });
	}

	async sageAddContact() {
		const customers = this.sageCustomers();
		if (customers.length === 0) return;
		const c = this.rng.pick(customers);
		const token = this.token();
		const seq = this.nextSeq();
		const body: IDataObject = {
			ADDRESS_TYPE: 1,
			CONTACT_NAME: `${this.rng.pick(FIRST)} ${this.rng.pick(SURNAMES)}-${token}`,
			E_MAIL: `contact.${seq}@example.co.uk`,
			TELEPHONE: phone(this, seq),
			CONTACT_ROLE: this.rng.pick(['Buyer', 'Accounts', 'Director', 'Office manager']),
		};
		if (this.rng.chance(0.5)) body.ADDRESS_3 = this.rng.pick(TOWNS);
		const row = await this.sage.addAddress(String(c.ACCOUNT_REF), body);
		this.record('sage', 'contact', 'create', this.addressKey(row), undefined, row, { body, token });
		this.snap.sage.SALES_DEL_ADDR.push(row);
	}

	async sageAddDeliveryAddress() {
		const customers = this.sageCustomers();
		if (customers.length === 0) return;
		const c = this.rng.pick(customers);
		const seq = this.nextSeq();
		const body: IDataObject = { ADDRESS_TYPE: 0, DESCRIPTION: `Depot ${seq}`, NAME: text(c.NAME), ADDRESS_1: `Unit ${seq} ${this.rng.pick(STREETS)}`, ADDRESS_3: this.rng.pick(TOWNS) };
		const row = await this.sage.addAddress(String(c.ACCOUNT_REF), body);
		this.record('sage', 'address', 'create', this.addressKey(row), undefined, row, { body });
		this.snap.sage.SALES_DEL_ADDR.push(row);
	}

	async sageEditContact() {
		const contacts = this.sageAddresses(1);
		if (contacts.length === 0) return;
		const a = this.rng.pick(contacts);
		const field = this.rng.pick(Object.keys(CONTACT_EDITS));
		await this.sageEditAddress(a, this.contactBody('sage', field, { sage: a }, this.nextSeq()));
	}

	async sageEditDeliveryAddress() {
		const delivery = this.sageAddresses(0);
		if (delivery.length === 0) return;
		await this.sageEditAddress(this.rng.pick(delivery), { ADDRESS_1: `Unit ${this.nextSeq()} ${this.rng.pick(STREETS)}` });
	}

	async sageDeleteAddress() {
		const addresses = this.sageAddresses().filter((a) => Number(a.ADDRESS_TYPE) !== 2);
		if (addresses.length === 0) return;
		const a = this.rng.pick(addresses);
		await this.sage.deleteAddress(String(a.ACCOUNT_REF), Number(a.ADDRESS_REF));
		this.record('sage', Number(a.ADDRESS_TYPE) === 1 ? 'contact' : 'address', 'delete', this.addressKey(a), a, undefined);
		this.replace(this.snap.sage.SALES_DEL_ADDR, (r) => r.REFERENCE === a.REFERENCE, { RECORD_DELETED: 1 });
	}

	async sageCreateProduct() {
		const token = this.token();
		const type = this.rng.weighted({ 0: 3, 1: 1, 2: 1 } as Record<string, number>);
		const body: IDataObject = {
			STOCK_CODE: `SOAK-${token.toUpperCase()}`,
			DESCRIPTION: `${this.rng.pick(PRODUCT_WORDS)} ${token}`,
			ITEM_TYPE: Number(type),
			SALES_PRICE: this.rng.int(100, 50000) / 100,
			TAX_CODE: 'T1',
			WEB_DESCRIPTION: `${this.rng.pick(WORDS)} range`,
		};
		if (type === '0') body.QTY_IN_STOCK = this.rng.int(0, 400);
		const row = await this.sage.createProduct(body);
		this.record('sage', 'product', 'create', String(row.STOCK_CODE), undefined, row, { body, token });
		this.snap.sage.STOCK.push(row);
	}

	async sageEditProduct() {
		const products = this.sageProducts(false);
		if (products.length === 0) return;
		const p = this.rng.pick(products);
		const seq = this.nextSeq();
		const choice = this.rng.pick(['price', 'description', 'web', 'stock', 'inactive']);
		const body: IDataObject =
			choice === 'price'
				? { SALES_PRICE: Math.round(Number(p.SALES_PRICE) * (0.9 + this.rng.float() * 0.3) * 100) / 100 + 0.01 }
				: choice === 'description'
					? { DESCRIPTION: `${text(p.DESCRIPTION).split(' (')[0].slice(0, 45)} (v${seq})` }
					: choice === 'web'
						? { WEB_DESCRIPTION: `${this.rng.pick(WORDS)} range, edition ${seq}` }
						: choice === 'stock' && Number(p.ITEM_TYPE) === 0
							? { QTY_IN_STOCK: this.rng.int(0, 500) }
							: { INACTIVE_FLAG: Number(p.INACTIVE_FLAG) === 1 ? 0 : 1 };
		const after = await this.sage.editProduct(String(p.STOCK_CODE), body);
		this.record('sage', 'product', 'update', String(p.STOCK_CODE), p, after, { body });
		this.replace(this.snap.sage.STOCK, (r) => r.STOCK_CODE === p.STOCK_CODE, after);
	}

	async sageDeleteProduct() {
		const used = new Set(this.snap.sage.SOP_ITEM.map((l) => l.STOCK_CODE));
		const candidates = this.sageProducts(false).filter((p) => String(p.STOCK_CODE).startsWith('SOAK-') && !used.has(p.STOCK_CODE));
		if (candidates.length === 0) return;
		const p = this.rng.pick(candidates);
		await this.sage.deleteProduct(String(p.STOCK_CODE));
		this.record('sage', 'product', 'delete', String(p.STOCK_CODE), p, undefined);
		this.replace(this.snap.sage.STOCK, (r) => r.STOCK_CODE === p.STOCK_CODE, { RECORD_DELETED: 1 });
	}

	async sageCreateOrder() {
		const customers = this.sageCustomers(true);
		const products = this.sageProducts();
		if (customers.length === 0 || products.length === 0) return;
		const token = this.token();
		const quotation = this.rng.chance(0.4);
		const lines = Array.from({ length: this.rng.int(1, 3) }, () => ({ STOCK_CODE: String(this.rng.pick(products).STOCK_CODE), QTY_ORDER: this.rng.int(1, 12) }));
		const body: IDataObject = { ACCOUNT_REF: String(this.rng.pick(customers).ACCOUNT_REF), ORDER_TYPE: quotation ? 9 : 0, ITEMS: lines };
		if (this.rng.chance(0.7)) body.CUST_ORDER_NUMBER = `PO-${token}`;
		const row = await this.sage.createSalesOrder(body);
		this.record('sage', 'order', 'create', String(row.ORDER_NUMBER), undefined, row, { body, token });
		this.snap.sage.SALES_ORDER.push(row);
	}

	async sageEditOrder() {
		const docs = this.snap.sage.SALES_ORDER.filter((o) => isLiveSage(o) && [0, 9].includes(Number(o.ORDER_TYPE)));
		if (docs.length === 0) return;
		const o = this.rng.pick(docs);
		const seq = this.nextSeq();
		const openQuote = Number(o.ORDER_TYPE) === 9 && Number(o.QUOTE_STATUS) === 1;
		const body: IDataObject =
			openQuote && this.rng.chance(0.4)
				? { QUOTE_STATUS: this.rng.pick([2, 3]) }
				: this.rng.chance(0.5)
					? { CUST_ORDER_NUMBER: `${text(o.CUST_ORDER_NUMBER).split(' rev')[0] || 'PO'} rev${seq}` }
					: { NOTES_1: `Deliver before noon (${seq})` };
		const after = await this.sage.editSalesOrder(Number(o.ORDER_NUMBER), body);
		this.record('sage', 'order', 'update', String(o.ORDER_NUMBER), o, after, { body });
		this.replace(this.snap.sage.SALES_ORDER, (r) => r.ORDER_NUMBER === o.ORDER_NUMBER, after);
	}

	async sageCreateInvoice() {
		const invoiced = new Set(this.snap.sage.INVOICE.map((i) => String(i.ORDER_NUMBER ?? '')));
		const postable = new Set(this.sageCustomers(true).map((c) => c.ACCOUNT_REF));
		const orders = this.snap.sage.SALES_ORDER.filter(
			(o) => isLiveSage(o) && Number(o.ORDER_TYPE) === 0 && !o.INVOICE_NUMBER && !invoiced.has(String(o.ORDER_NUMBER)) && postable.has(o.ACCOUNT_REF),
		);
		const products = this.sageProducts();
		let body: IDataObject;
		if (orders.length > 0 && this.rng.chance(0.7)) body = { ORDER_NUMBER: Number(this.rng.pick(orders).ORDER_NUMBER) };
		else if (postable.size > 0 && products.length > 0) {
			body = { ACCOUNT_REF: String(this.rng.pick([...postable])), ITEMS: [{ STOCK_CODE: String(this.rng.pick(products).STOCK_CODE), QTY_ORDER: this.rng.int(1, 5) }] };
		} else return;
		if (this.rng.chance(0.5)) body.POSTED = 1;
		const row = await this.sage.createInvoice(body);
		this.record('sage', 'sale', 'create', String(row.INVOICE_NUMBER), undefined, row, { body });
		this.snap.sage.INVOICE.push(row);
		if (body.ORDER_NUMBER !== undefined) {
			// Invoicing an order changes its state in Sage (O2: the status change must reach ForceManager).
			const before = this.snap.sage.SALES_ORDER.find((o) => o.ORDER_NUMBER === body.ORDER_NUMBER);
			const after = await this.sageRow('SALES_ORDER', (o) => o.ORDER_NUMBER === body.ORDER_NUMBER);
			if (before && after) {
				this.record('sage', 'order', 'update', String(body.ORDER_NUMBER), before, after);
				this.replace(this.snap.sage.SALES_ORDER, (r) => r.ORDER_NUMBER === body.ORDER_NUMBER, after);
			}
		}
	}

	async sageCreateUser() {
		const token = this.token();
		const fmUser = this.rng.chance(0.5) ? this.rng.pick(this.snap.fm.users) : undefined;
		const body: IDataObject = { USER_NAME: token.toUpperCase(), NAME: `${this.rng.pick(FIRST)} ${this.rng.pick(SURNAMES)}`, E_MAIL: fmUser ? text(fmUser.email).toUpperCase() : `${token}@example.co.uk` };
		await this.sage.createUser(body);
		this.record('sage', 'user', 'create', String(body.USER_NAME), undefined, undefined, { body, token });
	}

	// ---- ForceManager --------------------------------------------------------------------------------

	async fmCreateAccount() {
		const token = this.token();
		const seq = this.nextSeq();
		const body: IDataObject = {
			name: `${this.rng.pick(WORDS)} ${this.rng.pick(KINDS)} ${token}`,
			branchId: 1,
			salesRepId1: this.rng.pick([3, 4]),
			statusId: 2,
			countryId: this.rng.pick([1, 1, 2]),
			address1: `${seq} ${this.rng.pick(STREETS)}`,
			city: this.rng.pick(TOWNS),
			phone: phone(this, seq),
			email: `hello.${seq}@example.co.uk`,
		};
		const { id, record } = await this.fm.uiCreate('accounts', body);
		this.record('fm', 'account', 'create', String(id), undefined, record, { body, token });
		this.snap.fm.accounts.push(record);
	}

	async fmEditAccount() {
		// Only prospects: an account that came from Sage (or went there) is read-only in ForceManager (A3/A4).
		const prospects = this.fmLive('accounts').filter((a) => a.readOnly !== true);
		if (prospects.length === 0) return;
		const a = this.rng.pick(prospects);
		const field = this.rng.pick(Object.keys(ACCOUNT_EDITS));
		await this.fmEdit('accounts', a.id, { [ACCOUNT_EDITS[field].fm]: ACCOUNT_EDITS[field].value(this, this.nextSeq(), { fm: a }) });
	}

	async fmDeleteAccount() {
		const prospects = this.fmLive('accounts').filter((a) => a.readOnly !== true);
		if (prospects.length === 0) return;
		const a = this.rng.pick(prospects);
		await this.fm.uiDelete('accounts', Number(a.id));
		this.record('fm', 'account', 'delete', String(a.id), a, undefined);
		this.replace(this.snap.fm.accounts, (r) => r.id === a.id, { deleted: true });
	}

	async fmCreateContact() {
		const accounts = this.fmLive('accounts');
		if (accounts.length === 0) return;
		const account = this.rng.pick(accounts);
		const token = this.token();
		const seq = this.nextSeq();
		const invalid = this.rng.chance(this.invalidRate);
		const body: IDataObject = {
			firstName: invalid ? 'Maximiliana-Josephine' : this.rng.pick(FIRST),
			lastName: `${invalid ? 'Featherstonehaugh' : this.rng.pick(SURNAMES)}-${token}`,
			accountId: Number(account.id),
			salesRepId: this.rng.pick([3, 4]),
			branchId: 1,
			email: `rep.${seq}@example.co.uk`,
			phone1: phone(this, seq),
		};
		const { id, record } = await this.fm.uiCreate('contacts', body);
		this.record('fm', 'contact', 'create', String(id), undefined, record, {
			body,
			token,
			invalid: invalid ? `CONTACT_NAME "${String(body.firstName)} ${String(body.lastName)}" is over Sage's 30 characters` : undefined,
		});
		this.snap.fm.contacts.push(record);
	}

	async fmEditContact() {
		const contacts = this.fmLive('contacts');
		if (contacts.length === 0) return;
		const c = this.rng.pick(contacts);
		const field = this.rng.pick(Object.keys(CONTACT_EDITS));
		await this.fmEdit('contacts', c.id, this.contactBody('fm', field, { fm: c }, this.nextSeq()));
	}

	async fmDeleteContact() {
		const contacts = this.fmLive('contacts');
		if (contacts.length === 0) return;
		const c = this.rng.pick(contacts);
		await this.fm.uiDelete('contacts', Number(c.id));
		this.record('fm', 'contact', 'delete', String(c.id), c, undefined);
		this.replace(this.snap.fm.contacts, (r) => r.id === c.id, { deleted: true });
	}

	async fmCreateQuotation() {
		const accounts = this.fmLive('accounts').filter((a) => text(a.extId) !== '' || this.rng.chance(0.2));
		const products = this.fmLive('products').filter((p) => text(p.extId) !== '' && p.notAvailable !== true);
		if (accounts.length === 0 || products.length === 0) return;
		const token = this.token();
		const account = this.rng.pick(accounts);
		const body: IDataObject = { reference: `Q-${token}`, accountId: Number(account.id), branchId: 1, salesRepId: this.rng.pick([3, 4]), statusId: 1, currencyId: 1 };
		const { id, record } = await this.fm.uiCreate('salesorders', body);
		const lines = Array.from({ length: this.rng.int(1, 3) }, (_, i) => {
			const p = this.rng.pick(products);
			return { salesOrderId: id, productId: Number(p.id), quantity: this.rng.int(1, 10), price: Number(p.price ?? 1), order: i + 1 };
		});
		for (const line of lines) this.snap.fm.salesordersLines.push((await this.fm.uiCreate('salesordersLines', line)).record);
		this.record('fm', 'order', 'create', String(id), undefined, record, { body: { ...body, lines }, token });
		this.snap.fm.salesorders.push(record);
	}

	async fmEditQuotation() {
		const quotations = this.fmQuotations();
		if (quotations.length === 0) return;
		const q = this.rng.pick(quotations);
		await this.fmEdit('salesorders', q.id, { reference: `${text(q.reference).split(' rev')[0]} rev${this.nextSeq()}` });
	}

	async fmDeleteQuotation() {
		const quotations = this.fmQuotations();
		if (quotations.length === 0) return;
		const q = this.rng.pick(quotations);
		await this.fm.uiDelete('salesorders', Number(q.id));
		this.record('fm', 'order', 'delete', String(q.id), q, undefined);
		this.replace(this.snap.fm.salesorders, (r) => r.id === q.id, { deleted: true });
	}

	// ---- both sides --------------------------------------------------------------------------------

	/** One contact edited in Sage and in ForceManager in the same gap: the same field, or two different fields. */
	async bothSidesContact() {
		const addresses = new Map(this.sageAddresses(1).map((a) => [this.addressKey(a), a]));
		const pairs = this.fmLive('contacts').filter((c) => addresses.has(text(c.extId)));
		if (pairs.length === 0) return;
		const fm = this.rng.pick(pairs);
		const sage = addresses.get(text(fm.extId))!;
		const same = this.rng.chance(0.5);
		const fields = Object.keys(CONTACT_EDITS);
		const sageField = this.rng.pick(fields);
		const fmField = same ? sageField : this.rng.pick(fields.filter((f) => f !== sageField));
		const kind = same ? 'same-field' : 'different-fields';
		const sageFirst = this.rng.chance(0.5);
		const editSage = () => this.sageEditAddress(sage, this.contactBody('sage', sageField, { sage }, this.nextSeq()), kind);
		const editFm = () => this.fmEdit('contacts', fm.id, this.contactBody('fm', fmField, { fm }, this.nextSeq()), kind);
		if (sageFirst) (await editSage(), await editFm());
		else (await editFm(), await editSage());
	}
}
