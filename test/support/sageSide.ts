// What the end-to-end tests do on the Sage side of a sync bench, whichever adapter the bridge runs:
// read the company's tables, edit it as a person in Sage would, read the bridge's counters and dead
// letters, move its clock, inject faults. On the simulated company through its admin API
// (sync.ts `sageAdmin`); on the Sage adapter by writing the Sage-shaped tables directly
// (sagePeople.ts), as Sage's own program would.
import axios from 'axios';
import type { IDataObject } from 'n8n-workflow';
import type { RouteCounters } from '../../sandbox/forcemanager/adminClient';

export type Counters = RouteCounters;

export interface SageSide {
	reset(seed?: 'demo' | 'empty'): Promise<void>;
	seed(payload: IDataObject): Promise<{ created: Record<string, string[]> }>;
	/** A table's rows in the contract's column names (ACCOUNT_STATUS, ORDER_TYPE, TAX_CODE "T1" …). */
	table(name: string): Promise<IDataObject[]>;
	createCustomer(body: IDataObject): Promise<IDataObject>;
	editCustomer(ref: string, body: IDataObject): Promise<IDataObject>;
	deleteCustomer(ref: string): Promise<IDataObject>;
	addAddress(ref: string, body: IDataObject): Promise<IDataObject>;
	editAddress(ref: string, n: number, body: IDataObject): Promise<IDataObject>;
	deleteAddress(ref: string, n: number): Promise<IDataObject>;
	createProduct(body: IDataObject): Promise<IDataObject>;
	editProduct(code: string, body: IDataObject): Promise<IDataObject>;
	deleteProduct(code: string): Promise<IDataObject>;
	createSalesOrder(body: IDataObject): Promise<IDataObject>;
	editSalesOrder(n: number, body: IDataObject): Promise<IDataObject>;
	createInvoice(body: IDataObject): Promise<IDataObject>;
	createUser(body: IDataObject): Promise<IDataObject>;
	counters(): Promise<Counters>;
	resetCounters(): Promise<void>;
	/** `{ advanceSeconds }`, `{ set }`, `{ frozenAt }` (null unfreezes): the bridge's clock. */
	clock(body: IDataObject): Promise<void>;
	/** The delivery ledger's dead letters of a workflow (the bridge's API, as the Sync Delivery node reads them). */
	deadLetters(workflow: string): Promise<IDataObject[]>;
	/** Next `count` matching API requests fail (`USER_IN_USE`, `EXCLUSIVE_MODE`, `SAGE_BUSY`, `offline` …). */
	fault(body: IDataObject): Promise<void>;
	clearFaults(): Promise<void>;
}

/** GET /deliveries/dead-letters of one workflow. */
export async function workflowDeadLetters(bridgeUrl: string, apiKey: string, workflow: string): Promise<IDataObject[]> {
	return (await axios.get(`${bridgeUrl}/deliveries/dead-letters`, { params: { workflow }, headers: { 'X-API-Key': apiKey } })).data.items as IDataObject[];
}
