// SdoWriter: the bridge's writes into a real Sage company through Sage Data Objects (sage50-notes
// §3.1): customers (SalesRecord), contact addresses (CustomerAddress, AddressType contact), sales
// orders and quotations (SopPost, header copied from the customer by us, as SDO copies nothing).
// Every write first passes the same rules as the simulated company (sim/writeRules.ts, documentRules.ts: lengths,
// references, tax codes, currency, on-hold and inactive accounts, the code page), reading what it
// needs through SDO, so a refused record is refused before a single field is set: never half-written.
// One logon for the process (a dedicated Sage user), one call at a time on a queue (SDO's one STA
// thread); a lost logon is re-established and the call repeated when nothing was saved yet.
import type { SageRow } from '../adapter';
import { CodePage, type TextEncodingOptions } from '../codePage';
import { BridgeError } from '../errors';
import { ADDRESS_FIELDS, SALES_ORDER_UPDATE_FIELDS } from '../fields';
import type { SageWriter } from '../sage/writer';
import { addressReference } from '../sim/rules';
import { newSalesOrder, salesOrderPatch } from '../sim/documentRules';
import { addressPatch, changedFields, customerPatch, newAddress, newCustomer } from '../sim/writeRules';
import { SdoCall } from './call';
import { CUSTOMER_ADDRESS_PROPERTIES, type SdoBinding, type SdoEngine, type SdoWorkspace } from './com';
import { CONNECTION_LOST, sdoError } from './errors';
import { addressColumns, SdoCompanyView } from './view';
import { winaxBinding } from './winax';

/** `sage.sdo` of the bridge configuration. */
export interface SdoOptions {
	enabled: boolean;
	/** SDOEngine.NN for Sage vNN, e.g. SDOEngine.32. */
	progId: string;
	/** The company's ACCDATA folder. */
	accdata: string;
	/** A Sage user kept for the bridge (one logon per user). */
	user: string;
	password: string;
}

export interface SdoWriterOptions {
	sdo: Omit<SdoOptions, 'enabled' | 'progId'>;
	/** The COM binding: winax on Windows, the fake SDO in tests. */
	binding: SdoBinding;
	textEncoding?: TextEncodingOptions;
}

const LINE_COLUMNS = ['STOCK_CODE', 'DESCRIPTION', 'COMMENT_1', 'COMMENT_2', 'UNIT_OF_SALE', 'NOMINAL_CODE', 'UNIT_PRICE', 'DISCOUNT_RATE', 'FULL_NET_AMOUNT', 'DISCOUNT_AMOUNT', 'NET_AMOUNT', 'TAX_CODE', 'TAX_RATE', 'SERVICE_FLAG'] as const;
const WORKSPACE = 'Sage50Bridge';

interface Session {
	engine: SdoEngine;
	ws: SdoWorkspace;
}

export class SdoWriter implements SageWriter {
	private readonly text: CodePage;
	private session: Session | undefined;
	private tail: Promise<unknown> = Promise.resolve();
	private closed = false;

	constructor(private readonly options: SdoWriterOptions) {
		this.text = CodePage.of(options.textEncoding);
	}

	// ---- customers ------------------------------------------------------------------------------

	createCustomer(input: SageRow): Promise<string> {
		const given = typeof input.ACCOUNT_REF === 'string' ? input.ACCOUNT_REF : undefined;
		return this.run('creating a customer', given, (call, view) => {
			const { ref, row } = newCustomer(input, this.text, view, (r) => view.customer(r) !== undefined);
			call.record = ref;
			const sales = call.ws.CreateObject('SalesRecord');
			call.ok(sales.AddNew());
			call.setFields(sales.Fields, row);
			call.save(sales);
			return ref;
		});
	}

	updateCustomer(accountRef: string, patch: SageRow): Promise<void> {
		return this.run(`updating customer ${accountRef}`, accountRef, (call, view) => {
			const sales = view.find('SalesRecord', 'ACCOUNT_REF', accountRef.toUpperCase());
			if (!sales || SdoCompanyView.deleted(sales)) throw new BridgeError('NOT_FOUND', `Customer ${accountRef} not found`, { record: accountRef });
			const key = String(sales.Fields.Item('ACCOUNT_REF').Value);
			const input = customerPatch(key, patch, this.text, view);
			const changes = changedFields(call.read(sales.Fields, Object.keys(input)), input);
			if (Object.keys(changes).length === 0) return;
			call.ok(sales.Edit());
			call.setFields(sales.Fields, changes);
			call.save(sales);
		});
	}

	// ---- addresses and contacts -----------------------------------------------------------------

	/** A live customer's account reference, or NOT_FOUND as the simulated company answers. */
	private liveCustomer(view: SdoCompanyView, ref: string): string {
		const customer = view.customer(ref);
		if (!customer || customer.RECORD_DELETED) throw new BridgeError('NOT_FOUND', `Customer ${ref} not found`, { record: ref });
		return String(customer.ACCOUNT_REF);
	}

	createAddress(accountRef: string, input: SageRow): Promise<number> {
		return this.run(`adding an address to customer ${accountRef}`, accountRef, (call, view) => {
			const account = this.liveCustomer(view, accountRef);
			// A contact (AddressType 1) unless the input says otherwise: contacts are what the sync writes (C3).
			const { row } = newAddress(account, input.ADDRESS_TYPE === undefined ? { ...input, ADDRESS_TYPE: 1 } : input, this.text, view);
			const address = call.ws.CreateCustomerAddress();
			address.Customer = account;
			call.setProperties(address, CUSTOMER_ADDRESS_PROPERTIES, row);
			call.save(address);
			return address.AddressNumber;
		});
	}

	updateAddress(accountRef: string, addressRef: number, patch: SageRow): Promise<void> {
		return this.run(`updating address ${addressRef} of customer ${accountRef}`, accountRef, (call, view) => {
			const account = this.liveCustomer(view, accountRef);
			const address = call.ws.CreateCustomerAddress();
			if (!call.found(address.Load(account, addressRef))) {
				throw new BridgeError('NOT_FOUND', `Address ${addressRef} of customer ${accountRef} not found`, { record: accountRef });
			}
			const reference = addressReference(account, addressRef);
			call.record = reference;
			const current = { ...addressColumns(address), REFERENCE: reference, ACCOUNT_REF: account };
			const changes = changedFields(current, addressPatch(current, patch, ADDRESS_FIELDS, this.text, view));
			if (Object.keys(changes).length === 0) return;
			call.setProperties(address, CUSTOMER_ADDRESS_PROPERTIES, changes);
			call.save(address);
		});
	}

	// ---- sales orders and quotations --------------------------------------------------------------

	createSalesOrder(input: SageRow): Promise<number> {
		const given = typeof input.ACCOUNT_REF === 'string' ? input.ACCOUNT_REF : undefined;
		return this.run('raising a sales order', given, (call, view) => {
			const order = newSalesOrder(input, this.text, view);
			call.record = order.ref;
			const post = call.ws.CreateObject('SopPost');
			const header: Record<string, unknown> = {
				ACCOUNT_REF: order.ref,
				ORDER_TYPE: order.type,
				// A quotation starts open (sdoOpen 1); other documents are not quotes (0).
				QUOTE_STATUS: order.type === 9 ? 1 : 0,
				// SopPost copies nothing from the customer: name, addresses, contact and phone are set here.
				...order.addresses,
				CURRENCY: Number(order.customer.CURRENCY),
				CARR_NET: order.carriage.net,
				CARR_TAX_CODE: order.carriage.taxCode,
			};
			if (order.number !== undefined) header.ORDER_NUMBER = order.number;
			for (const date of ['ORDER_DATE', 'QUOTE_EXPIRY_DATE']) if (typeof order.header[date] === 'string') header[date] = order.header[date];
			call.setFields(post.Header.Fields, header);
			for (const line of order.lines) {
				const values: Record<string, unknown> = { QTY_ORDER: line.QTY };
				for (const c of LINE_COLUMNS) values[c] = line[c];
				call.setFields(post.Items.Add().Fields, values);
			}
			// Update() computes each line's VAT from its net and the header totals (sage50-notes §3.1).
			call.save(post);
			return Number(post.Header.Fields.Item('ORDER_NUMBER').Value);
		});
	}

	updateSalesOrder(orderNumber: number, patch: SageRow): Promise<void> {
		return this.run(`updating sales order ${orderNumber}`, String(orderNumber), (call, view) => {
			const sop = view.find('SopRecord', 'ORDER_NUMBER', orderNumber);
			if (!sop || SdoCompanyView.deleted(sop)) throw new BridgeError('NOT_FOUND', `Sales order ${orderNumber} not found`, { record: String(orderNumber) });
			const patched = Object.keys(patch).filter((k) => k in SALES_ORDER_UPDATE_FIELDS && k !== 'QUOTE_STATUS');
			const current = call.read(sop.Fields, ['ORDER_NUMBER', 'ORDER_TYPE', 'QUOTE_STATUS', ...patched]);
			const changes = changedFields(current, salesOrderPatch(current, patch, this.text));
			if (Object.keys(changes).length === 0) return;
			call.ok(sop.Edit());
			call.setFields(sop.Fields, changes);
			call.save(sop);
		});
	}

	// ---- logon, queue, status ---------------------------------------------------------------------

	/** For the health endpoint: logs on if not yet, so it tells whether Sage takes the bridge's logon now. */
	async status(): Promise<{ state: 'connected' | 'disconnected' | 'unavailable' | 'read-only'; sdoVersion?: string; detail?: string }> {
		return this.enqueue(() => {
			if (this.closed) return { state: 'disconnected' as const, detail: 'The SDO writer is closed' };
			try {
				const { ws } = this.logon();
				return { state: 'connected' as const, sdoVersion: String(ws.Version) };
			} catch (error) {
				return { state: 'unavailable' as const, detail: (error as Error).message };
			}
		});
	}

	close(): Promise<void> {
		return this.enqueue(() => {
			this.logoff();
			this.closed = true;
		});
	}

	/** Runs fn after every call queued before it (one SDO call at a time, in order). */
	private enqueue<T>(fn: () => T): Promise<T> {
		const result = this.tail.then(fn);
		this.tail = result.catch(() => undefined);
		return result;
	}

	private logon(): Session {
		if (this.session) return this.session;
		const { accdata, user, password } = this.options.sdo;
		const engine = this.options.binding.createEngine();
		const ws = engine.Workspaces.Add(WORKSPACE);
		if (!ws.Connect(accdata, user, password, `${WORKSPACE}-${process.pid}`)) {
			const { Code, Text } = engine.LastError;
			this.options.binding.release();
			throw sdoError(Code, Text, { doing: `the logon of user ${user} to ${accdata}` });
		}
		this.session = { engine, ws };
		return this.session;
	}

	private logoff(): void {
		const session = this.session;
		this.session = undefined;
		try {
			session?.ws.Disconnect();
		} catch {
			// The logon may be gone already (Sage dropped it); releasing is what matters.
		}
		this.options.binding.release();
	}

	/**
	 * One write: logs on if needed, runs `op` with a fresh view of the company, releases what it
	 * created. A lost logon (16, 91) before anything was saved logs on again and repeats `op` once;
	 * after Update was called the outcome is unknown, so it fails (SAGE_UNAVAILABLE, retryable).
	 */
	private run<T>(doing: string, record: string | undefined, op: (call: SdoCall, view: SdoCompanyView) => T): Promise<T> {
		return this.enqueue(() => {
			if (this.closed) throw new BridgeError('SAGE_UNAVAILABLE', 'The SDO writer is closed');
			for (let attempt = 1; ; attempt++) {
				const { engine, ws } = this.logon();
				const call = new SdoCall(engine, ws, doing, record);
				try {
					return this.options.binding.scope(() => op(call, new SdoCompanyView(call)));
				} catch (error) {
					const failure = call.failure({}, error);
					if (!CONNECTION_LOST.has(failure.details.sageErrorCode ?? 0)) throw failure;
					this.logoff();
					if (call.saving || attempt > 1) throw failure;
				}
			}
		});
	}
}

/** The writer for `sage.sdo` (+ `sage.textEncoding`) on Windows: SDO through winax. */
export function createSdoWriter(sdo: SdoOptions, textEncoding?: TextEncodingOptions): SdoWriter {
	return new SdoWriter({ sdo, binding: winaxBinding(sdo.progId), textEncoding });
}
