// How each Sage resource takes MappedRecords (mapped.ts): key formats agreed with the Mapper —
// customers ACCOUNT_REF, contact addresses "<ACCOUNT_REF>/<ADDRESS_REF>", documents "SO:<n>" /
// "QU:<n>" — and batched look-ups: ≤ 100 refs or external references per call.
import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { chunk } from '../../../shared/batching';
import { sageList } from '../../../shared/sage50/paging';
import { failureOf, sageRequest, segment } from '../../../shared/sage50/transport';
import { addressPath } from '../customerAddress/common';
import { ADDRESS_FIELDS, CUSTOMER_FIELDS, ORDER_HEADER_FIELDS, QUOTE_UPDATE_FIELDS } from './fields';
import { allMapped, EXTERNAL_REF_CHUNK, type MappedResource } from './mapped';

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
	keyOf: (record) => `${String(record.ACCOUNT_REF ?? '')}/${Number(record.ADDRESS_REF)}`,
	idOf: (record) => String(record.REFERENCE ?? ''),
	createsWithKey: false,
	createPath(record) {
		const account = String(record.references?.account ?? record.fields.ACCOUNT_REF ?? record.createOnly?.ACCOUNT_REF ?? '').trim();
		if (account === '') throw new Error('no Sage account reference to create the address under (references.account)');
		return addressPath(account.toUpperCase());
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
