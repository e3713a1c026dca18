// Fake `SopPost`: a sales order, quotation or proforma built as a header plus lines (Items.Add()),
// saved by Update() as Sage saves one: the account must be postable (70 on hold, 71 inactive,
// 72 deleted) and trade in the document's currency (34); products and tax codes must exist; the
// number comes from the company's next order number unless given; VAT is computed per line from
// net at the tax code's rate (since 2015, unless the line's TAX_FLAG is 1: then its TAX_AMOUNT
// stands) and the header totals from the lines (sage50-notes §3.1, §4.4). Like the real SopPost it
// copies nothing from the customer: name, addresses and tax code are the caller's to set.
import { documentTotals } from '../../sim/documentRules';
import { round2, SPECIAL_STOCK_CODES } from '../../sim/rules';
import { taxCodeFromId } from '../../sage/odbcNames';
import type { SdoFields, SdoPostItems, SdoPostPart, SdoSopPost } from '../com';
import { SDO } from '../errors';
import { type FakeSageCompany, type Row, SdoFailure } from './company';
import type { FakeWorkspace } from './engine';
import { FakeFields, type FieldSpec, fieldSpecs, setColumns } from './fields';
import { salesOrderSpecs } from './records';

const sdoOnly = (name: string): FieldSpec => ({ name, column: null, type: 'int', length: 0 });
/** SOP document types SopPost raises (InvoiceType): order 0, quotation 9, proforma 11. */
const SOP_TYPES = [0, 9, 11];

class Part implements SdoPostPart {
	constructor(readonly fields: FakeFields) {}
	get Fields(): SdoFields {
		return this.fields;
	}
}

export class FakeSopPost implements SdoSopPost {
	readonly Header: Part;
	private readonly lines: Part[] = [];
	readonly Items: SdoPostItems;

	constructor(private readonly ws: FakeWorkspace) {
		const onSet = (part: string) => (name: string) => ws.run(`SopPost.${part}.${name}`, () => ws.company.fault('SetField', name));
		this.Header = new Part(new FakeFields(salesOrderSpecs([sdoOnly('CARR_TAX_CODE')]), onSet('Header')));
		const lineSpecs = fieldSpecs('SOP_ITEM', {
			omit: ['ORDER_NUMBER', 'ITEM_NUMBER', 'TAX_CODE_ID', 'RECORD_CREATE_DATE', 'RECORD_MODIFY_DATE', 'RECORD_DELETED'],
			taxCodes: ['TAX_CODE'],
			extra: [sdoOnly('TAX_FLAG')],
		});
		const lines = this.lines;
		this.Items = {
			get Count() {
				return lines.length;
			},
			Add: () =>
				ws.run('SopPost.Items.Add', () => {
					const line = new Part(new FakeFields(lineSpecs, onSet(`Items(${lines.length + 1})`)));
					lines.push(line);
					return line;
				}),
		};
	}

	private get company(): FakeSageCompany {
		return this.ws.company;
	}

	/** The number Update would give an order now (the company's next, skipping numbers taken). */
	GetNextNumber(): number {
		return this.ws.run('SopPost.GetNextNumber', () => this.nextNumber());
	}

	private nextNumber(): number {
		let n = Math.max(1, Number(this.company.get('SELECT NEXT_ORDER_NUMBER AS N FROM COMPANY')?.N ?? 1));
		while (this.company.get('SELECT 1 AS X FROM SALES_ORDER WHERE ORDER_NUMBER = ?', n)) n++;
		return n;
	}

	Update(): boolean {
		return this.ws.ask(
			'SopPost.Update',
			() => {
				this.company.fault('Update');
				this.company.assertWritable('SALES_ORDER');
				const number = this.company.transaction(() => this.save());
				this.Header.fields.current = this.company.get('SELECT * FROM SALES_ORDER WHERE ORDER_NUMBER = ?', number);
				this.Header.fields.clear();
				return true;
			},
		);
	}

	private customer(h: FakeFields): Row {
		const ref = String(h.value('ACCOUNT_REF') ?? '').toUpperCase();
		const c = this.company.get('SELECT * FROM SALES_LEDGER WHERE ACCOUNT_REF = ?', ref);
		if (!c) throw new SdoFailure(SDO.InvalidKey, `Account ${ref} does not exist`);
		if (Number(c.RECORD_DELETED)) throw new SdoFailure(SDO.SalPurAccountDeleted, `Account ${ref} has been deleted`);
		if (Number(c.ACCOUNT_ON_HOLD)) throw new SdoFailure(SDO.SalPurAccountIsOnHold, `Account ${ref} is on hold`);
		if (Number(c.INACTIVE_FLAG)) throw new SdoFailure(SDO.SalPurAccountIsInactive, `Account ${ref} is inactive`);
		const currency = h.value('CURRENCY');
		if (currency !== null && Number(currency) !== Number(c.CURRENCY)) throw new SdoFailure(SDO.CurrencyDoesNotMatch, 'Currency does not match the account currency');
		return c;
	}

	private rate(id: unknown, what: string): number {
		const rate = id === null || id === undefined ? undefined : this.company.taxRate(Number(id));
		if (rate === undefined) throw new SdoFailure(SDO.InvalidValue, `Invalid tax code for ${what}: ${id}`);
		return rate;
	}

	private save(): number {
		const c = this.company;
		const h = this.Header.fields;
		const customer = this.customer(h);
		const type = Number(h.value('ORDER_TYPE') ?? 0);
		if (!SOP_TYPES.includes(type)) throw new SdoFailure(SDO.InvalidValue, `Invalid ORDER_TYPE ${type}`);
		if (this.lines.length === 0) throw new SdoFailure(SDO.InvalidValue, 'The order has no items');
		const given = Number(h.value('ORDER_NUMBER') ?? 0);
		if (given > 0 && c.get('SELECT 1 AS X FROM SALES_ORDER WHERE ORDER_NUMBER = ?', given)) throw new SdoFailure(SDO.InvalidValue, `Order number ${given} already exists`);
		const stamp = c.stamp();
		const lines = this.lines.map(({ fields: l }, i) => {
			const code = String(l.value('STOCK_CODE') ?? '').toUpperCase();
			if (!SPECIAL_STOCK_CODES.has(code) && !c.get('SELECT 1 AS X FROM STOCK WHERE STOCK_CODE = ? AND RECORD_DELETED = 0', code)) {
				throw new SdoFailure(SDO.InvalidKey, `Stock code ${code} does not exist`);
			}
			const taxCode = l.value('TAX_CODE');
			const rate = this.rate(taxCode, `item ${i + 1}`);
			const net = round2(Number(l.value('NET_AMOUNT') ?? 0));
			const tax = Number(l.value('TAX_FLAG')) === 1 ? round2(Number(l.value('TAX_AMOUNT') ?? 0)) : round2((net * rate) / 100);
			return {
				...setColumns(l, c.codePage),
				ITEM_NUMBER: i + 1,
				STOCK_CODE: code,
				TAX_CODE: taxCodeFromId(Number(taxCode)),
				TAX_CODE_ID: Number(taxCode),
				TAX_RATE: rate,
				NET_AMOUNT: net,
				TAX_AMOUNT: tax,
				GROSS_AMOUNT: round2(net + tax),
				RECORD_CREATE_DATE: stamp,
				RECORD_MODIFY_DATE: stamp,
				RECORD_DELETED: 0,
			};
		});
		const carrRate = this.rate(h.value('CARR_TAX_CODE') ?? 1, 'carriage');
		const number = given > 0 ? given : this.nextNumber();
		if (given <= 0) c.run('UPDATE COMPANY SET NEXT_ORDER_NUMBER = ?', number + 1);
		c.insert('SALES_ORDER', {
			ORDER_DATE: c.today(),
			...setColumns(h, c.codePage),
			...documentTotals(lines, Number(h.value('CARR_NET') ?? 0), carrRate),
			ORDER_NUMBER: number,
			ORDER_TYPE_CODE: type,
			QUOTE_STATUS_ID: Number(h.value('QUOTE_STATUS') ?? 0),
			ACCOUNT_REF: String(customer.ACCOUNT_REF),
			CURRENCY: Number(customer.CURRENCY),
			DESPATCH_STATUS_CODE: 0,
			INVOICE_NUMBER: '',
			INVOICE_NUMBER_NUMERIC: null,
			RECORD_CREATE_DATE: stamp,
			RECORD_MODIFY_DATE: stamp,
			RECORD_DELETED: 0,
		});
		for (const line of lines) c.insert('SOP_ITEM', { ...line, ORDER_NUMBER: number });
		return number;
	}
}
