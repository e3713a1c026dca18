// The part of the Sage Data Objects (SDO) COM object model the writer uses, as TypeScript
// (sage50-notes.md §3.1 and Appendix A: SDO v32 type library, late-bound through IDispatch so one
// binding serves every Sage version). Two implementations: winax.ts (the real SDO on Windows) and
// fake/ (a faithful fake over the Sage-shaped database, for everything that runs here).
// Calls are synchronous, as COM's are; the writer serialises them on one queue (one STA thread).
// A failing call either returns false (Update, Connect, Find …) or throws; either way the engine's
// LastError holds SDO's error number and text.

/** `SDOEngine.LastError`. */
export interface SdoLastError {
	readonly Code: number;
	readonly Text: string;
}

/** `Field`: one column of a record; the value is read and written through `Value`. */
export interface SdoField {
	readonly Name: string;
	/** Maximum length of a text field (0 for others). */
	readonly Length: number;
	Value: string | number | null;
}

/** `Fields`: the record's fields by name (`Fields.Item("ACCOUNT_REF").Value`); an unknown name throws. */
export interface SdoFields {
	readonly Count: number;
	Item(name: string): SdoField;
}

/** `*Record` (SalesRecord, StockRecord, SopRecord …): navigational, recordset-like. */
export interface SdoRecord {
	readonly Fields: SdoFields;
	/** Set the key field(s), then Find: true when a record with that key exists (it becomes current). */
	Find(partial: boolean): boolean;
	AddNew(): boolean;
	Edit(): boolean;
	/** Saves the new or edited record; false with LastError set when Sage refuses it. */
	Update(): boolean;
	CancelUpdate(): void;
	MoveFirst(): boolean;
	MoveNext(): boolean;
	IsEOF(): boolean;
}

/** `*Data` (ControlData, CurrencyData): low-level file access by record number. */
export interface SdoData {
	readonly Fields: SdoFields;
	/** OpenMode: Read 0, ReadWrite 1 … */
	Open(mode: number): boolean;
	Read(recordNumber: number): boolean;
	Count(): number;
	Close(): void;
}

/** A document part built by a `*Post` (the header, or one line from `Items.Add()`). */
export interface SdoPostPart {
	readonly Fields: SdoFields;
}

export interface SdoPostItems {
	readonly Count: number;
	Add(): SdoPostPart;
}

/** `SopPost`: builds a sales order, quotation or proforma; `Update()` saves it (and computes VAT from net). */
export interface SdoSopPost {
	readonly Header: SdoPostPart;
	readonly Items: SdoPostItems;
	Update(): boolean;
	/** The number the next sales order will get. */
	GetNextNumber(): number;
}

/** AddressTypes. */
export const SDO_ADDRESS_TYPE = { delivery: 0, contact: 1, registered: 2 } as const;

/** `CustomerAddress` business object (typed properties; AddressType 0 delivery, 1 contact, 2 registered). */
export interface SdoCustomerAddress {
	/** The customer's account reference (set before Update on a new address). */
	Customer: string;
	/** Assigned by Update on a new address. */
	readonly AddressNumber: number;
	AddressType: number;
	Description: string;
	Name: string;
	AddressLine1: string;
	AddressLine2: string;
	AddressLine3: string;
	AddressLine4: string;
	AddressLine5: string;
	Country: string;
	Telephone: string;
	Telephone2: string;
	Fax: string;
	EMail: string;
	Contact: string;
	Role: string;
	Notes: string;
	/** Integer, as all SDO tax codes (1 for T1); null when the address has none. */
	TaxCode: number | null;
	VatNumber: string;
	/** Loads an existing address; false when the customer has no such address. */
	Load(accountRef: string, addressNumber: number): boolean;
	Update(): boolean;
}

/** The objects `WorkSpace.CreateObject(name)` returns, by name. */
export interface SdoObjects {
	SalesRecord: SdoRecord;
	StockRecord: SdoRecord;
	SopRecord: SdoRecord;
	SopPost: SdoSopPost;
	ControlData: SdoData;
	CurrencyData: SdoData;
}
export type SdoObjectName = keyof SdoObjects;

/** `WorkSpace`: one logon to one company (its ACCDATA folder). */
export interface SdoWorkspace {
	/** Logs on; false with LastError set (23 name in use, 24 exclusive, 21/22 bad user or password, 25 bad path, 26 wrong version …). */
	Connect(dataPath: string, user: string, password: string, unique: string): boolean;
	Disconnect(): void;
	/** SDO's version, e.g. "32.0.0.0". */
	readonly Version: string;
	CreateObject<K extends SdoObjectName>(name: K): SdoObjects[K];
	CreateCustomerAddress(): SdoCustomerAddress;
}

export interface SdoWorkspaces {
	Add(name: string): SdoWorkspace;
}

/** `SDOEngine` (ProgID `SDOEngine.NN`, NN the Sage major version). */
export interface SdoEngine {
	readonly Workspaces: SdoWorkspaces;
	readonly LastError: SdoLastError;
}

/**
 * Where an engine comes from (winax on Windows, the fake here), and how its COM objects are let go
 * deterministically (the samples' FinalReleaseComObject): the objects a `scope` obtains are released
 * when it ends; `release` lets go of everything, the engine included.
 */
export interface SdoBinding {
	createEngine(): SdoEngine;
	scope<T>(fn: () => T): T;
	release(): void;
}

/** CustomerAddress properties by the SALES_DEL_ADDR column (and contract field) each one holds. */
export const CUSTOMER_ADDRESS_PROPERTIES = {
	ADDRESS_TYPE: 'AddressType',
	DESCRIPTION: 'Description',
	NAME: 'Name',
	ADDRESS_1: 'AddressLine1',
	ADDRESS_2: 'AddressLine2',
	ADDRESS_3: 'AddressLine3',
	ADDRESS_4: 'AddressLine4',
	ADDRESS_5: 'AddressLine5',
	COUNTRY_CODE: 'Country',
	CONTACT_NAME: 'Contact',
	CONTACT_ROLE: 'Role',
	TELEPHONE: 'Telephone',
	TELEPHONE_2: 'Telephone2',
	FAX: 'Fax',
	E_MAIL: 'EMail',
	NOTES: 'Notes',
	TAX_CODE: 'TaxCode',
	VAT_REG_NUMBER: 'VatNumber',
} as const satisfies Record<string, keyof SdoCustomerAddress>;
export type CustomerAddressColumn = keyof typeof CUSTOMER_ADDRESS_PROPERTIES;
