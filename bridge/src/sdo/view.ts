// What the shared write rules (sim/writeRules.ts, documentRules.ts) read from the company, read through SDO: customers
// (SalesRecord.Find), products (StockRecord.Find), addresses (CustomerAddress.Load), orders
// (SopRecord.Find), tax rates (ControlData T<n>_RATE) and currencies (CurrencyData), so the writer
// refuses exactly what the simulated company refuses before it sets a single field.
import { BridgeError } from '../errors';
import { taxCodeId } from '../sage/odbcNames';
import type { CompanyView, Held } from '../sim/writeRules';
import type { SdoCall, SdoValue } from './call';
import { CUSTOMER_ADDRESS_PROPERTIES, type CustomerAddressColumn, type SdoCustomerAddress, type SdoData, type SdoRecord } from './com';

export const CUSTOMER_READ = ['ACCOUNT_REF', 'NAME', 'ADDRESS_1', 'ADDRESS_2', 'ADDRESS_3', 'ADDRESS_4', 'ADDRESS_5', 'CONTACT_NAME', 'TELEPHONE', 'DEF_TAX_CODE', 'DEF_NOM_CODE', 'CURRENCY', 'ACCOUNT_ON_HOLD', 'INACTIVE_FLAG'];
const PRODUCT_READ = ['STOCK_CODE', 'DESCRIPTION', 'SALES_PRICE', 'TAX_CODE', 'UNIT_OF_SALE', 'NOMINAL_CODE', 'ITEM_TYPE'];

/** A CustomerAddress's properties as SALES_DEL_ADDR columns (tax code as "T1"). */
export function addressColumns(address: SdoCustomerAddress): Record<CustomerAddressColumn, SdoValue> {
	const out = {} as Record<CustomerAddressColumn, SdoValue>;
	for (const [column, property] of Object.entries(CUSTOMER_ADDRESS_PROPERTIES) as [CustomerAddressColumn, keyof SdoCustomerAddress][]) {
		const value = address[property] as SdoValue;
		out[column] = column === 'TAX_CODE' ? (value === null || value === undefined ? '' : `T${value}`) : value;
	}
	return out;
}

export class SdoCompanyView implements CompanyView {
	private readonly rates = new Map<number, number | undefined>();
	private control: SdoData | undefined;
	private currencies: Map<number, string> | undefined;

	constructor(private readonly call: SdoCall) {}

	/** Sets the key field and finds the record: it becomes current, or undefined when there is none. */
	find(object: 'SalesRecord' | 'StockRecord' | 'SopRecord', key: string, value: string | number): SdoRecord | undefined {
		const record = this.call.ws.CreateObject(object);
		this.call.setFields(record.Fields, { [key]: value });
		return this.call.found(record.Find(false)) ? record : undefined;
	}

	/** Whether a found record is deleted (a field SDO may not expose: then it is not). */
	static deleted(record: SdoRecord): boolean {
		try {
			return Number(record.Fields.Item('RECORD_DELETED').Value) === 1;
		} catch {
			return false;
		}
	}

	private held(record: SdoRecord | undefined, names: readonly string[]): Held | undefined {
		if (!record) return undefined;
		return { ...this.call.read(record.Fields, names), RECORD_DELETED: SdoCompanyView.deleted(record) ? 1 : 0 };
	}

	customer(ref: string): Held | undefined {
		return this.held(this.find('SalesRecord', 'ACCOUNT_REF', ref.toUpperCase()), CUSTOMER_READ);
	}

	product(code: string): Held | undefined {
		return this.held(this.find('StockRecord', 'STOCK_CODE', code), PRODUCT_READ);
	}

	address(accountRef: string, addressRef: number): Held | undefined {
		const address = this.call.ws.CreateCustomerAddress();
		return this.call.found(address.Load(accountRef, addressRef)) ? addressColumns(address) : undefined;
	}

	orderExists(orderNumber: number): boolean {
		return this.find('SopRecord', 'ORDER_NUMBER', orderNumber) !== undefined;
	}

	/**
	 * A tax code's rate from ControlData's T<n>_RATE. Only T0–T99 spelled as the company spells them;
	 * a code ControlData has no field for is unknown (a real Sage has all hundred; the fake only the
	 * company's TAX_CODE rows, as the simulated company).
	 */
	taxRate(code: string, field: string, record?: string): { code: string; rate: number } {
		const id = taxCodeId(code);
		const rate = id === null || `T${id}` !== code.toUpperCase() ? undefined : this.rateOf(id);
		if (rate === undefined) throw new BridgeError('UNKNOWN_TAX_CODE', `Tax code ${code} does not exist in Sage`, { field, record });
		return { code: `T${id}`, rate };
	}

	private rateOf(id: number): number | undefined {
		if (!this.control) {
			const control = this.call.ws.CreateObject('ControlData');
			this.call.ok(control.Open(0));
			this.call.ok(control.Read(1));
			this.control = control;
		}
		if (!this.rates.has(id)) {
			let rate: number | undefined;
			try {
				rate = Number(this.control.Fields.Item(`T${id}_RATE`).Value);
			} catch {
				rate = undefined;
			}
			this.rates.set(id, rate);
		}
		return this.rates.get(id);
	}

	/** Currencies by number (CurrencyData record n), read once per operation. */
	private currencyTable(): Map<number, string> {
		if (!this.currencies) {
			this.currencies = new Map();
			const data = this.call.ws.CreateObject('CurrencyData');
			this.call.ok(data.Open(0));
			const count = data.Count();
			for (let n = 1; n <= count; n++) {
				if (data.Read(n)) this.currencies.set(n, String(data.Fields.Item('CODE').Value));
			}
		}
		return this.currencies;
	}

	currencyExists(number: number): boolean {
		return this.currencyTable().has(number);
	}

	currencyNumber(code: string): number | undefined {
		for (const [n, c] of this.currencyTable()) if (c === code) return n;
		return undefined;
	}

	currencyCode(number: number): string | undefined {
		return this.currencyTable().get(number);
	}
}
