// Fake `*Record` objects: SalesRecord (SALES_LEDGER), SopRecord (SALES_ORDER, edits of a saved
// order) and StockRecord (STOCK, read by the writer). Set the key field, Find; AddNew or Edit, set
// fields, Update. Update checks what SDO checks, then writes the row as Sage's program does
// (RECORD_MODIFY_DATE, on creation RECORD_CREATE_DATE and DATE_ACCOUNT_OPENED, UK local time).
import type { SdoFields, SdoRecord } from '../com';
import { SDO } from '../errors';
import { type Row, SdoFailure } from './company';
import type { FakeWorkspace } from './engine';
import { FakeFields, type FieldSpec, fieldSpecs, setColumns } from './fields';

type Mode = 'none' | 'add' | 'edit';

abstract class FakeRecord implements SdoRecord {
	protected readonly fields: FakeFields;
	protected mode: Mode = 'none';
	private keys: (string | number)[] = [];
	private at = 0;

	constructor(
		protected readonly ws: FakeWorkspace,
		readonly object: string,
		protected readonly table: string,
		protected readonly key: string,
		specs: Map<string, FieldSpec>,
	) {
		this.fields = new FakeFields(specs, (name) => ws.run(`${object}.Fields.${name}`, () => ws.company.fault('SetField', name)));
	}

	protected get company() {
		return this.ws.company;
	}

	get Fields(): SdoFields {
		return this.fields;
	}

	protected get keyColumn(): string {
		return this.fields.specs.get(this.key)!.column!;
	}

	protected load(key: string | number): Row | undefined {
		return this.company.get(`SELECT * FROM ${this.table} WHERE ${this.keyColumn} = ?`, key);
	}

	Find(partial: boolean): boolean {
		return this.ws.ask(
			`${this.object}.Find`,
			() => {
				this.company.fault('Find');
				const wanted = this.fields.set.get(this.key);
				if (wanted === undefined || wanted === null || wanted === '') throw new SdoFailure(SDO.EmptyKey, 'The key is empty');
				const row = partial
					? this.company.get(`SELECT * FROM ${this.table} WHERE ${this.keyColumn} LIKE ? ORDER BY ${this.keyColumn}`, `${String(wanted)}%`)
					: this.load(typeof wanted === 'string' ? wanted.toUpperCase() : wanted);
				if (!row) return false;
				this.current(row);
				return true;
			},
		);
	}

	protected current(row: Row | undefined): void {
		this.fields.current = row;
		this.fields.clear();
		this.mode = 'none';
	}

	AddNew(): boolean {
		return this.ws.ask(
			`${this.object}.AddNew`,
			() => {
				this.company.fault('AddNew');
				this.current(undefined);
				this.mode = 'add';
				return true;
			},
		);
	}

	Edit(): boolean {
		return this.ws.ask(
			`${this.object}.Edit`,
			() => {
				this.company.fault('Edit');
				const row = this.fields.current;
				if (!row) throw new SdoFailure(SDO.InvalidKey, 'No current record to edit');
				if (this.company.isOpenInSage(this.table, row[this.keyColumn] as string | number)) {
					throw new SdoFailure(SDO.UserBeingEdited, 'This record is being edited by another user');
				}
				this.fields.clear();
				this.mode = 'edit';
				return true;
			},
		);
	}

	Update(): boolean {
		return this.ws.ask(
			`${this.object}.Update`,
			() => {
				this.company.fault('Update');
				if (this.mode === 'none') throw new SdoFailure(SDO.InvalidValue, 'Update without AddNew or Edit');
				const key = this.company.transaction(() => this.save(this.mode === 'add'));
				this.current(this.load(key));
				return true;
			},
		);
	}

	/** Checks and writes the record (inside one transaction); returns its key. */
	protected abstract save(adding: boolean): string | number;

	CancelUpdate(): void {
		this.company.calls.push(`${this.object}.CancelUpdate`);
		this.fields.clear();
		this.mode = 'none';
	}

	MoveFirst(): boolean {
		return this.ws.ask(
			`${this.object}.MoveFirst`,
			() => {
				this.keys = this.company.all(`SELECT ${this.keyColumn} AS K FROM ${this.table} ORDER BY ${this.keyColumn}`).map((r) => r.K as string | number);
				this.at = 0;
				return this.show();
			},
		);
	}

	MoveNext(): boolean {
		return this.ws.ask(
			`${this.object}.MoveNext`,
			() => {
				this.at++;
				return this.show();
			},
		);
	}

	IsEOF(): boolean {
		return this.at >= this.keys.length;
	}

	private show(): boolean {
		if (this.IsEOF()) return false;
		this.current(this.load(this.keys[this.at]));
		return true;
	}

	/** Currency and tax code values SDO checks against the company (18 when unknown). */
	protected assertKnown(name: string, exists: (value: number) => boolean): void {
		const value = this.fields.set.get(name);
		if (value !== undefined && value !== null && !exists(Number(value))) throw new SdoFailure(SDO.InvalidValue, `Invalid value for ${name}: ${value}`);
	}
}

/** Characters SDO's metadata allows in an account reference (makingithappen SALES_LEDGER field list). */
const SDO_ACCOUNT_REF = /^[A-Z0-9#_/!%&.\-$()",']+$/;

/** Sage's Customer Defaults for what a new record does not set (Settings > Customer Defaults). */
export const CUSTOMER_DEFAULTS: Row = { DEF_TAX_CODE: 'T1', CURRENCY: 1, PAYMENT_DUE_DAYS: 30 };

export class FakeSalesRecord extends FakeRecord {
	constructor(ws: FakeWorkspace) {
		super(ws, 'SalesRecord', 'SALES_LEDGER', 'ACCOUNT_REF', fieldSpecs('SALES_LEDGER', { taxCodes: ['DEF_TAX_CODE'], rename: { DATE_ACCOUNT_OPENED: 'ACCOUNT_OPENED' } }));
	}

	protected save(adding: boolean): string {
		const c = this.company;
		this.assertKnown('CURRENCY', (n) => c.get('SELECT 1 AS X FROM CURRENCY WHERE NUMBER = ?', n) !== undefined);
		this.assertKnown('DEF_TAX_CODE', (n) => c.taxRate(n) !== undefined);
		const stamp = c.stamp();
		if (!adding) {
			const key = String(this.fields.current![this.keyColumn]);
			const ref = this.fields.set.get('ACCOUNT_REF');
			if (ref !== undefined && String(ref).toUpperCase() !== key) throw new SdoFailure(SDO.InvalidValue, 'ACCOUNT_REF cannot be changed');
			c.assertWritable(this.table, key);
			this.fields.set.delete('ACCOUNT_REF');
			c.update(this.table, { ACCOUNT_REF: key }, { ...setColumns(this.fields, c.codePage), RECORD_MODIFY_DATE: stamp });
			return key;
		}
		const ref = String(this.fields.set.get('ACCOUNT_REF') ?? '').toUpperCase();
		if (ref === '') throw new SdoFailure(SDO.EmptyAccountReference, 'The account reference is empty');
		if (/\s/.test(ref)) throw new SdoFailure(SDO.AccountRefContainsSpaces, 'The account reference contains spaces');
		if (ref.length > 8 || !SDO_ACCOUNT_REF.test(ref)) throw new SdoFailure(SDO.AccountRefContainsInvalidCharacters, 'The account reference contains invalid characters');
		if (this.load(ref)) throw new SdoFailure(SDO.AccountRefAlreadyExists, 'The account reference already exists');
		c.assertWritable(this.table);
		this.fields.set.set('ACCOUNT_REF', ref);
		c.insert(this.table, {
			...CUSTOMER_DEFAULTS,
			...setColumns(this.fields, c.codePage),
			DATE_ACCOUNT_OPENED: c.today(),
			RECORD_CREATE_DATE: stamp,
			RECORD_MODIFY_DATE: stamp,
			RECORD_DELETED: 0,
		});
		return ref;
	}
}

/** SALES_ORDER fields as SopRecord and SopPost's header show them (ORDER_TYPE, QUOTE_STATUS, INVOICE_NUMBER). */
export function salesOrderSpecs(extra: FieldSpec[] = []): Map<string, FieldSpec> {
	return fieldSpecs('SALES_ORDER', { omit: ['INVOICE_NUMBER'], extra });
}

export class FakeSopRecord extends FakeRecord {
	constructor(ws: FakeWorkspace) {
		super(ws, 'SopRecord', 'SALES_ORDER', 'ORDER_NUMBER', salesOrderSpecs());
	}

	/** Edits a saved order's header (new orders are raised through SopPost). */
	protected save(adding: boolean): number {
		if (adding) throw new SdoFailure(SDO.InvalidValue, 'Sales orders are raised through SopPost');
		const c = this.company;
		const n = Number(this.fields.current![this.keyColumn]);
		c.assertWritable(this.table, n);
		for (const fixed of ['ORDER_NUMBER', 'ORDER_TYPE', 'ACCOUNT_REF']) {
			if (this.fields.set.has(fixed) && this.fields.set.get(fixed) !== this.fields.stored(fixed)) {
				throw new SdoFailure(SDO.InvalidValue, `${fixed} of a saved order cannot be changed`);
			}
		}
		const status = this.fields.set.get('QUOTE_STATUS');
		if (status !== undefined && ![0, 1, 2, 3, 4].includes(Number(status))) throw new SdoFailure(SDO.InvalidValue, `Invalid QUOTE_STATUS ${status}`);
		c.update(this.table, { ORDER_NUMBER: n }, { ...setColumns(this.fields, c.codePage), RECORD_MODIFY_DATE: c.stamp() });
		return n;
	}
}

export class FakeStockRecord extends FakeRecord {
	constructor(ws: FakeWorkspace) {
		super(ws, 'StockRecord', 'STOCK', 'STOCK_CODE', fieldSpecs('STOCK', { taxCodes: ['TAX_CODE'] }));
	}

	/** The bridge never writes products; the fake serves them read-only. */
	protected save(): string {
		throw new SdoFailure(SDO.ReadOnlyAccess, 'The fake SDO serves products read-only');
	}
}
