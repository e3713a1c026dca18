// The write side of a real Sage company, behind one interface so the ODBC adapter's logic does not
// depend on COM: on Windows an SDO implementation (sage-sdo), in tests a fake SDO object model or a stub.
import type { SageRow } from '../adapter';
/** Writes into the real Sage company (SDO on Windows). One call at a time (the caller serialises). Throws BridgeError with a stable code (USER_IN_USE, EXCLUSIVE_MODE, RECORD_LOCKED, VALIDATION_FAILED, NOT_FOUND, CONFLICT, SAGE_UNAVAILABLE, …; see bridge/src/errors.ts) and the SDO error number in sageErrorCode. */
export interface SageWriter {
	createCustomer(input: SageRow): Promise<string>;            // returns ACCOUNT_REF
	updateCustomer(accountRef: string, patch: SageRow): Promise<void>;
	createAddress(accountRef: string, input: SageRow): Promise<number>;  // returns ADDRESS_REF (contact address, AddressType 1, unless input says otherwise)
	updateAddress(accountRef: string, addressRef: number, patch: SageRow): Promise<void>;
	createSalesOrder(input: SageRow): Promise<number>;          // header + LINES (SageRow[]), ORDER_TYPE 0 order / 9 quotation; returns ORDER_NUMBER
	updateSalesOrder(orderNumber: number, patch: SageRow): Promise<void>;
	status(): Promise<{ state: 'connected' | 'disconnected' | 'unavailable' | 'read-only'; sdoVersion?: string; detail?: string }>;
	close(): Promise<void>;
}
