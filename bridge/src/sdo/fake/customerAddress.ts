// Fake `CustomerAddress` business object over SALES_DEL_ADDR: typed properties (com.ts maps them to
// the columns), Load(account, number), Update(). A new address gets the customer's next ADDRESS_REF
// and Sage's REFERENCE (`ABS001  0003`); one registered address per customer (45); address lines
// longer than 60 characters are refused (83).
import { addressReference } from '../../sim/rules';
import { CUSTOMER_ADDRESS_PROPERTIES, type SdoCustomerAddress } from '../com';
import { SDO } from '../errors';
import { SdoFailure } from './company';
import type { FakeWorkspace } from './engine';
import { FakeFields, fieldSpecs, setColumns } from './fields';

const TABLE = 'SALES_DEL_ADDR';

export interface FakeCustomerAddress extends SdoCustomerAddress {}

export class FakeCustomerAddress {
	private readonly fields: FakeFields;
	Customer = '';

	constructor(private readonly ws: FakeWorkspace) {
		this.fields = new FakeFields(fieldSpecs(TABLE), (name) => ws.run(`CustomerAddress.${name}`, () => ws.company.fault('SetField', name)));
		for (const [column, property] of Object.entries(CUSTOMER_ADDRESS_PROPERTIES)) {
			Object.defineProperty(this, property, {
				get: () => this.fields.value(column),
				set: (value) => void (this.fields.Item(column).Value = value),
				enumerable: true,
			});
		}
	}

	get AddressNumber(): number {
		return Number(this.fields.stored('ADDRESS_REF') ?? 0);
	}

	Load(accountRef: string, addressNumber: number): boolean {
		return this.ws.ask(
			'CustomerAddress.Load',
			() => {
				this.ws.company.fault('Load');
				const row = this.ws.company.get(`SELECT * FROM ${TABLE} WHERE ACCOUNT_REF = ? AND ADDRESS_REF = ? AND RECORD_DELETED = 0`, accountRef.toUpperCase(), addressNumber);
				if (!row) return false;
				this.fields.current = row;
				this.fields.clear();
				this.Customer = String(row.ACCOUNT_REF);
				return true;
			},
		);
	}

	Update(): boolean {
		return this.ws.ask(
			'CustomerAddress.Update',
			() => {
				const c = this.ws.company;
				c.fault('Update');
				const existing = this.fields.current;
				const account = existing ? String(existing.ACCOUNT_REF) : this.Customer.toUpperCase();
				const customer = c.get('SELECT RECORD_DELETED FROM SALES_LEDGER WHERE ACCOUNT_REF = ?', account);
				if (!customer || Number(customer.RECORD_DELETED)) throw new SdoFailure(SDO.InvalidKey, `Customer ${account} does not exist`);
				const type = Number(this.fields.value('ADDRESS_TYPE') ?? 0);
				if (![0, 1, 2].includes(type)) throw new SdoFailure(SDO.InvalidValue, `Invalid AddressType ${type}`);
				const taxCode = this.fields.value('TAX_CODE');
				if (taxCode !== null && c.taxRate(Number(taxCode)) === undefined) throw new SdoFailure(SDO.InvalidValue, `Invalid TaxCode ${taxCode}`);
				const becomesRegistered = type === 2 && (!existing || Number(existing.ADDRESS_TYPE) !== 2);
				if (becomesRegistered && c.get(`SELECT 1 AS X FROM ${TABLE} WHERE ACCOUNT_REF = ? AND ADDRESS_TYPE = 2 AND RECORD_DELETED = 0`, account)) {
					throw new SdoFailure(SDO.CannotCreateMultipleRegisteredAddresses, 'Cannot create multiple registered addresses');
				}
				const stamp = c.stamp();
				const number = c.transaction(() => {
					if (existing) {
						c.assertWritable(TABLE, String(existing.REFERENCE));
						c.update(TABLE, { REFERENCE: existing.REFERENCE }, { ...setColumns(this.fields, c.codePage), RECORD_MODIFY_DATE: stamp });
						return Number(existing.ADDRESS_REF);
					}
					c.assertWritable(TABLE);
					const next = Number(c.get(`SELECT COALESCE(MAX(ADDRESS_REF), 0) + 1 AS N FROM ${TABLE} WHERE ACCOUNT_REF = ?`, account)!.N);
					c.insert(TABLE, {
						ADDRESS_TYPE: type,
						...setColumns(this.fields, c.codePage),
						REFERENCE: addressReference(account, next),
						ACCOUNT_REF: account,
						ADDRESS_REF: next,
						RECORD_CREATE_DATE: stamp,
						RECORD_MODIFY_DATE: stamp,
						RECORD_DELETED: 0,
					});
					return next;
				});
				this.fields.current = c.get(`SELECT * FROM ${TABLE} WHERE ACCOUNT_REF = ? AND ADDRESS_REF = ?`, account, number);
				this.fields.clear();
				return true;
			},
		);
	}
}
