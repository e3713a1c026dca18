// How each Sage resource takes MappedRecords (engine.ts): key formats agreed with the Mapper —
// customers ACCOUNT_REF, contact addresses "<ACCOUNT_REF>/<ADDRESS_REF>", documents "SO:<n>" /
// "QU:<n>" — and batched look-ups: ≤ 100 refs or external references per call, one list per
// customer for records matched by a column (Define Below's Match On).
import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { chunk } from '../../../shared/batching';
import { sageList } from '../../../shared/sage50/paging';
import { failureOf, sageRequest, segment } from '../../../shared/sage50/transport';
import type { MappedRecord, SyncEntity } from '../../../shared/sync/envelope';
import { addressPath } from '../customerAddress/common';
import { ADDRESS_FIELDS, CUSTOMER_FIELDS, ORDER_HEADER_FIELDS, QUOTE_UPDATE_FIELDS } from './fields';

/** A record found by the value it holds in one of its columns (Define Below's Match On). */
export interface ColumnMatch {
	record: MappedRecord;
	column: string;
	value: string;
}

export interface MappedResource {
	/** Bridge entity, used in idempotency keys: customers | addresses | sales-orders. */
	entity: string;
	label: string;
	/** Mapper entities this resource writes. */
	accepts: SyncEntity[];
	/** A non-empty mapper key in its canonical form; throws an Error saying what is wrong. */
	parseKey(key: string): string;
	/** Existing records (deleted ones included) by canonical key. */
	findByKeys(this: IExecuteFunctions, keys: string[]): Promise<Map<string, IDataObject>>;
	/** Existing records (deleted ones included) by external reference. */
	findByExternalRefs(this: IExecuteFunctions, refs: string[]): Promise<Map<string, IDataObject>>;
	/** Per match, every record (deleted ones included) holding its value; absent: nothing to match on. */
	findByColumn?(this: IExecuteFunctions, matches: ColumnMatch[]): Promise<IDataObject[][]>;
	/** The Sage key in the mapper's format (ACCOUNT_REF, "ABS001/3", "QU:45"). */
	keyOf(record: IDataObject): string;
	/** The Sage record id reported in `id` (ACCOUNT_REF, REFERENCE, ORDER_NUMBER). */
	idOf(record: IDataObject): string | number;
	/** true: a key that Sage does not know is created under that key (customers: ACCOUNT_REF). */
	createsWithKey: boolean;
	createPath(record: MappedRecord, key: string): string;
	createBody(record: MappedRecord, key: string): IDataObject;
	updatePath(existing: IDataObject): string;
	/** Fields the contract lets an update touch. */
	updatable: Set<string>;
}

export const EXTERNAL_REF_CHUNK = 100;

/** Everything the Mapper put in, in the order create < fillIfEmpty < fields. */
export function allMapped(record: MappedRecord): IDataObject {
	return { ...(record.createOnly ?? {}), ...(record.fillIfEmpty ?? {}), ...record.fields } as IDataObject;
}

/** The customer a record belongs to (addresses, documents). */
export function accountOf(record: MappedRecord): string {
	return String(record.references?.account ?? record.fields.ACCOUNT_REF ?? record.createOnly?.ACCOUNT_REF ?? '').trim().toUpperCase();
}

/** Per match, the rows of its list (listed once per list key) whose column holds its value. */
async function matchInLists(
	this: IExecuteFunctions,
	matches: ColumnMatch[],
	listKey: (m: ColumnMatch) => string,
	list: (this: IExecuteFunctions, m: ColumnMatch) => Promise<IDataObject[]>,
): Promise<IDataObject[][]> {
	const lists = new Map<string, IDataObject[]>();
	const out: IDataObject[][] = [];
	for (const m of matches) {
		let rows = lists.get(listKey(m));
		if (!rows) {
			rows = await list.call(this, m);
			lists.set(listKey(m), rows);
		}
		out.push(rows.filter((row) => String(row[m.column] ?? '').trim() === m.value));
	}
	return out;
}

async function listByExternalRef(this: IExecuteFunctions, path: string, refs: string[], qs: IDataObject = {}): Promise<Map<string, IDataObject>> {
	const out = new Map<string, IDataObject>();
	for (const part of chunk(refs, EXTERNAL_REF_CHUNK)) {
		for (const record of await sageList.call(this, path, { ...qs, externalRef: part.join(','), includeDeleted: true })) {
			if (typeof record.EXTERNAL_REF === 'string') out.set(record.EXTERNAL_REF, record);
		}
	}
	return out;
}


const names = (fields: Array<{ name: string }>) => new Set(fields.map((f) => f.name));

export const mappedCustomers: MappedResource = {
	entity: 'customers',
	label: 'Customer',
	accepts: ['account'],
	parseKey: (key) => key.toUpperCase(),
	async findByKeys(keys) {
		const out = new Map<string, IDataObject>();
		// A key with a comma (a typed extId such as "AB,,CD") is no Sage reference and cannot be one item of
		// the comma list: looked up, it would break the batch's look-up; left out, its create is refused, naming it.
		for (const part of chunk(keys.filter((key) => !key.includes(',')), EXTERNAL_REF_CHUNK)) {
			for (const record of await sageList.call(this, '/customers', { refs: part.join(','), includeDeleted: true })) {
				out.set(String(record.ACCOUNT_REF), record);
			}
		}
		return out;
	},
	async findByExternalRefs(refs) {
		return await listByExternalRef.call(this, '/customers', refs);
	},
	keyOf: (record) => String(record.ACCOUNT_REF ?? ''),
	idOf: (record) => String(record.ACCOUNT_REF ?? ''),
	createsWithKey: true,
	createPath: () => '/customers',
	createBody(record, key) {
		const body = allMapped(record);
		// A4: no key → Sage generates a collision-free ACCOUNT_REF from NAME.
		if (key !== '') body.ACCOUNT_REF = key;
		else delete body.ACCOUNT_REF;
		return body;
	},
	updatePath: (existing) => `/customers/${segment(String(existing.ACCOUNT_REF))}`,
	updatable: names(CUSTOMER_FIELDS),
};

const ADDRESS_KEY = /^([^/\s]+)\s*\/\s*(\d{1,9})$/;

/** A ForceManager External ID not in the sync's key format: set by a person or another integration. */
function foreignKey(key: string, format: string): string {
	return `External ID "${key}" is not a Sage key ("${format}"), perhaps set by another integration: clear it in ForceManager to create the record in Sage, or set it to the Sage record's key`;
}

export const mappedAddresses: MappedResource = {
	entity: 'addresses',
	label: 'Address',
	accepts: ['contact'],
	parseKey(key) {
		const m = ADDRESS_KEY.exec(key);
		if (!m) throw new Error(foreignKey(key, '<ACCOUNT_REF>/<ADDRESS_REF>'));
		return `${m[1].toUpperCase()}/${Number(m[2])}`;
	},
	async findByKeys(keys) {
		const out = new Map<string, IDataObject>();
		for (const account of new Set(keys.map((k) => k.split('/')[0]))) {
			let rows: IDataObject[];
			try {
				rows = await sageList.call(this, addressPath(account), { includeDeleted: true });
			} catch (error) {
				// An unknown customer has no addresses: its items are reported as not existing.
				if (failureOf(error)?.status !== 404) throw new NodeApiError(this.getNode(), error as JsonObject);
				rows = [];
			}
			for (const record of rows) out.set(`${String(record.ACCOUNT_REF)}/${Number(record.ADDRESS_REF)}`, record);
		}
		return out;
	},
	async findByExternalRefs(refs) {
		return await listByExternalRef.call(this, '/addresses', refs);
	},
	// One list per customer and address type (deleted ones too, so they are not recreated: C2).
	async findByColumn(matches) {
		const typeOf = (m: ColumnMatch) => Number(m.record.createOnly?.ADDRESS_TYPE ?? 1);
		return await matchInLists.call(this, matches, (m) => `${accountOf(m.record)}|${typeOf(m)}`, async function (m) {
			try {
				return await sageList.call(this, addressPath(accountOf(m.record)), { type: typeOf(m), includeDeleted: true });
			} catch (error) {
				// An unknown customer has no addresses; its creates fail with UNKNOWN_ACCOUNT.
				if (failureOf(error)?.status !== 404) throw new NodeApiError(this.getNode(), error as JsonObject);
				return [];
			}
		});
	},
	keyOf: (record) => `${String(record.ACCOUNT_REF ?? '')}/${Number(record.ADDRESS_REF)}`,
	idOf: (record) => String(record.REFERENCE ?? ''),
	createsWithKey: false,
	createPath(record) {
		const account = accountOf(record);
		if (account === '') throw new Error('no Sage account reference to create the address under (references.account)');
		return addressPath(account);
	},
	createBody(record) {
		const body = allMapped(record);
		delete body.ACCOUNT_REF;
		// C3: what FM sends are its contacts, kept in Sage as contact-type addresses.
		body.ADDRESS_TYPE ??= 1;
		return body;
	},
	updatePath: (existing) => addressPath(String(existing.ACCOUNT_REF), Number(existing.ADDRESS_REF)),
	updatable: names(ADDRESS_FIELDS),
};

/**
 * Sales orders (ORDER_TYPE 0, "SO:<n>") and quotations (9, "QU:<n>"). Sage prices and taxes the
 * lines on creation (O1); afterwards the contract lets FM change only header text and, for
 * quotations, QUOTE_STATUS / QUOTE_EXPIRY_DATE — lines and prices are never rewritten.
 */
export function mappedDocuments(orderType: 0 | 9): MappedResource {
	const prefix = orderType === 9 ? 'QU' : 'SO';
	const label = orderType === 9 ? 'Quotation' : 'Sales order';
	const updatable = names(orderType === 9 ? [...ORDER_HEADER_FIELDS, ...QUOTE_UPDATE_FIELDS] : ORDER_HEADER_FIELDS);
	return {
		entity: 'sales-orders',
		label,
		accepts: [orderType === 9 ? 'quotation' : 'salesOrder'],
		parseKey(key) {
			const m = /^(?:([A-Za-z]{2}):)?(\d{1,7})$/.exec(key);
			if (!m) throw new Error(foreignKey(key, `${prefix}:<ORDER_NUMBER>`));
			if (m[1] !== undefined && m[1].toUpperCase() !== prefix) throw new Error(`key "${key}" is not a ${label.toLowerCase()} ("${prefix}:<ORDER_NUMBER>")`);
			return `${prefix}:${Number(m[2])}`;
		},
		async findByKeys(keys) {
			const out = new Map<string, IDataObject>();
			for (const key of keys) {
				const n = Number(key.split(':')[1]);
				try {
					const record = (await sageRequest.call(this, { method: 'GET', path: `/sales-orders/${n}`, label, record: key })) as IDataObject;
					if (Number(record.ORDER_TYPE) === orderType) out.set(key, record);
				} catch (error) {
					if (failureOf(error)?.status !== 404) throw new NodeApiError(this.getNode(), error as JsonObject);
				}
			}
			return out;
		},
		async findByExternalRefs(refs) {
			return await listByExternalRef.call(this, '/sales-orders', refs, { orderType });
		},
		// One list per customer (deleted ones too, so they are not recreated).
		async findByColumn(matches) {
			return await matchInLists.call(this, matches, (m) => accountOf(m.record), async function (m) {
				return await sageList.call(this, '/sales-orders', { accountRef: accountOf(m.record), orderType, includeDeleted: true });
			});
		},
		keyOf: (record) => `${prefix}:${Number(record.ORDER_NUMBER)}`,
		idOf: (record) => Number(record.ORDER_NUMBER),
		createsWithKey: false,
		createPath: () => '/sales-orders',
		createBody(record) {
			const body = allMapped(record);
			const account = body.ACCOUNT_REF ?? record.references?.account;
			if (account === undefined || String(account).trim() === '') throw new Error('no Sage account reference (ACCOUNT_REF) for the document');
			body.ACCOUNT_REF = String(account).trim().toUpperCase();
			body.ORDER_TYPE = orderType;
			// Sage prices and taxes: lines carry stock code and quantity (a price only when the Mapper set one).
			body.ITEMS = (record.lines ?? []) as IDataObject[];
			return body;
		},
		updatePath: (existing) => `/sales-orders/${Number(existing.ORDER_NUMBER)}`,
		updatable,
	};
}
