// Sales orders (ORDER_TYPE 0) and quotations (9) share SALES_ORDER, so both resources are built
// here from their order type. Sage prices, taxes and numbers them (O1); after creation only the
// header text fields and a quotation's status can change (SalesOrderUpdate), so lines are
// create-only and an upsert compares header fields only.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { sageList } from '../../../shared/sage50/paging';
import { sageRequest } from '../../../shared/sage50/transport';
import {
	type FieldSpec,
	ORDER_CREATE_FIELDS,
	ORDER_HEADER_FIELDS,
	QUOTE_UPDATE_FIELDS,
} from '../common/fields';
import { readAccountRef, readNumber } from '../common/keys';
import { getManyProperties, inputProperties, readGetMany, readInput, readWriteOptions, show, upsertWriteOptions, writeOptions } from '../common/params';
import { parametersRecord } from '../../../shared/sync/parameters';
import type { RecordInput } from '../common/engine';
import { dataModeProperties, executeDefine, executeMapped, isMappedMode } from '../common/mapped';
import { mappedDocuments } from '../common/mappedResources';
import { executionSalt, sageWrite } from '../common/write';

export interface DocumentKind {
	resource: 'salesOrder' | 'quotation';
	label: string;
	orderType: 0 | 9;
}

export const MATCH_FIELDS = ['CUST_ORDER_NUMBER', 'NOTES_1', 'NOTES_2', 'NOTES_3'];

const updateFields = (kind: DocumentKind): FieldSpec[] =>
	kind.orderType === 9 ? [...ORDER_HEADER_FIELDS, ...QUOTE_UPDATE_FIELDS] : ORDER_HEADER_FIELDS;
const createFields = (kind: DocumentKind): FieldSpec[] =>
	kind.orderType === 9
		? [...ORDER_HEADER_FIELDS, ...ORDER_CREATE_FIELDS, QUOTE_UPDATE_FIELDS[1]]
		: [...ORDER_HEADER_FIELDS, ...ORDER_CREATE_FIELDS];

const accountRef: INodeProperties = {
	displayName: 'Account Reference',
	name: 'accountRef',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. ABS001',
	description: 'ACCOUNT_REF of the customer',
};

const orderNumber = (label: string): INodeProperties => ({
	displayName: `${label} Number`,
	name: 'orderNumber',
	type: 'number',
	typeOptions: { minValue: 1 },
	required: true,
	default: 1,
	description: `ORDER_NUMBER of the ${label.toLowerCase()} in Sage`,
});

const lines: INodeProperties = {
	displayName: 'Lines',
	name: 'lines',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Line',
	default: {},
	description: 'Ignored when the payload has ITEMS',
	options: [
		{
			displayName: 'Line',
			name: 'line',
			values: [
				{ displayName: 'Description', name: 'DESCRIPTION', type: 'string', default: '', description: "Defaults to the product's description" },
				{ displayName: 'Discount %', name: 'DISCOUNT_RATE', type: 'number', default: 0 },
				{ displayName: 'Quantity', name: 'QTY_ORDER', type: 'number', default: 1 },
				{ displayName: 'Stock Code', name: 'STOCK_CODE', type: 'string', default: '', description: 'A product code, or S1/S2/S3 (special) or M (message line)' },
				{
					displayName: 'Tax Code Name or ID',
					name: 'TAX_CODE',
					type: 'options',
					typeOptions: { loadOptionsMethod: 'getTaxCodes' },
					default: '',
					description: 'Defaults to the product, then the customer, then T1. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				},
				{ displayName: 'Unit Price', name: 'UNIT_PRICE', type: 'string', default: '', description: "Empty: Sage uses the product's sales price" },
			],
		},
	],
};

function readLines(this: IExecuteFunctions, itemIndex: number): IDataObject[] {
	const raw = (this.getNodeParameter('lines', itemIndex, {}) as { line?: IDataObject[] }).line ?? [];
	return raw.map((line) => {
		const out: IDataObject = { STOCK_CODE: String(line.STOCK_CODE ?? '').trim() };
		if (line.DESCRIPTION) out.DESCRIPTION = line.DESCRIPTION;
		if (line.QTY_ORDER !== undefined) out.QTY_ORDER = Number(line.QTY_ORDER);
		if (Number(line.DISCOUNT_RATE)) out.DISCOUNT_RATE = Number(line.DISCOUNT_RATE);
		if (line.TAX_CODE) out.TAX_CODE = line.TAX_CODE;
		if (line.UNIT_PRICE !== undefined && String(line.UNIT_PRICE).trim() !== '') out.UNIT_PRICE = Number(line.UNIT_PRICE);
		return out;
	});
}

/** Header + lines of a new document; the account and order type come from the parameters. */
function createPayload(this: IExecuteFunctions, kind: DocumentKind, itemIndex: number): IDataObject {
	const input = readInput.call(this, itemIndex, createFields(kind));
	const items = Array.isArray(input.ITEMS) && input.ITEMS.length > 0 ? input.ITEMS : readLines.call(this, itemIndex);
	return { ...input, ACCOUNT_REF: readAccountRef.call(this, itemIndex), ORDER_TYPE: kind.orderType, ITEMS: items as IDataObject[] };
}

export function documentOperations(kind: DocumentKind) {
	const path = '/sales-orders';
	const { resource, label } = kind;

	const get = {
		description: show(resource, ['get', 'update'], [orderNumber(label)]),
		async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
			const n = readNumber.call(this, 'orderNumber', itemIndex, `${label} Number`);
			const record = (await sageRequest.call(this, { method: 'GET', path: `${path}/${n}`, label, record: String(n), itemIndex })) as IDataObject;
			if (Number(record.ORDER_TYPE) !== kind.orderType) {
				throw new NodeOperationError(this.getNode(), `Order ${n} is a ${String(record.ORDER_TYPE_NAME)}, not a ${label.toLowerCase()}`, { itemIndex });
			}
			return record;
		},
	};

	const getAll = {
		description: getManyProperties(resource, [
			{ displayName: 'Account Reference', name: 'accountRef', type: 'string', default: '', description: 'Only the documents of this customer' },
		]),
		async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
			const { limit, filters, qs } = readGetMany.call(this, itemIndex);
			qs.orderType = kind.orderType;
			if (filters.accountRef) qs.accountRef = String(filters.accountRef).trim().toUpperCase();
			return await sageList.call(this, path, qs, limit);
		},
	};

	const create = {
		description: show(resource, 'create', [accountRef, lines, ...inputProperties(createFields(kind), label.toLowerCase()), writeOptions]),
		async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
			const body = createPayload.call(this, kind, itemIndex);
			const { idempotencyKey, sourceKey } = readWriteOptions.call(this, itemIndex);
			const { record } = await sageWrite.call(this, {
				method: 'POST',
				path,
				body,
				entity: 'sales-orders',
				operation: `create-${resource}`,
				sourceKey,
				explicitKey: idempotencyKey,
				label: `${label} for customer`,
				record: String(body.ACCOUNT_REF),
				itemIndex,
			});
			return record;
		},
	};

	const update = {
		description: show(resource, 'update', [...inputProperties(updateFields(kind), label.toLowerCase()), writeOptions]),
		async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
			const n = readNumber.call(this, 'orderNumber', itemIndex, `${label} Number`);
			const { idempotencyKey, sourceKey } = readWriteOptions.call(this, itemIndex);
			const { record } = await sageWrite.call(this, {
				method: 'PATCH',
				path: `${path}/${n}`,
				body: readInput.call(this, itemIndex, updateFields(kind)),
				entity: 'sales-orders',
				operation: `update-${resource}`,
				sourceKey: sourceKey ?? String(n),
				explicitKey: idempotencyKey,
				salt: executionSalt.call(this),
				label,
				record: String(n),
				itemIndex,
			});
			return record;
		},
	};

	const updatable = new Set(updateFields(kind).map((f) => f.name));
	const mapped = mappedDocuments(kind.orderType);
	/** Define Below: the document this item's parameters describe, matched by its External Key in the Match On column. */
	function readDocument(this: IExecuteFunctions, itemIndex: number): RecordInput {
		const key = String(this.getNodeParameter('externalKey', itemIndex, '') ?? '').trim();
		if (key === '') throw new Error('External Key is empty');
		const field = String(this.getNodeParameter('matchField', itemIndex, 'CUST_ORDER_NUMBER'));
		if (!MATCH_FIELDS.includes(field)) throw new Error(`cannot match on ${field}`);
		const { ITEMS, ...payload } = createPayload.call(this, kind, itemIndex);
		payload[field] = key;
		const account = String(payload.ACCOUNT_REF);
		// Sage prices, taxes and numbers the lines once (O1); an update touches header fields only.
		const fields: IDataObject = {};
		const createOnly: IDataObject = {};
		for (const [name, value] of Object.entries(payload)) (updatable.has(name) ? fields : createOnly)[name] = value;
		const record = parametersRecord({
			entity: resource,
			direction: 'forceManagerToSage',
			key: '',
			label: `${label} "${key}"`,
			id: key,
			scope: `${resource} ${account} ${field}`,
			fields,
			createOnly,
			references: { account },
			lines: ITEMS as IDataObject[],
		});
		return { record, matchOn: field, idempotencyKey: readWriteOptions.call(this, itemIndex).idempotencyKey };
	}

	const upsert = {
		description: show(resource, 'upsert', dataModeProperties([
			accountRef,
			{
				displayName: 'External Key',
				name: 'externalKey',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'e.g. the ForceManager ID',
				description: `Identifies the ${label.toLowerCase()} in the source system; stored in the match column on creation, so a retried or repeated run finds it instead of raising a second one`,
			},
			{
				displayName: 'Match On',
				name: 'matchField',
				type: 'options',
				options: MATCH_FIELDS.map((f) => ({ name: f, value: f })),
				default: 'CUST_ORDER_NUMBER',
				description: 'Header column that holds the external key',
			},
			lines,
			...inputProperties(createFields(kind), label.toLowerCase()),
			upsertWriteOptions,
		], `a ${label.toLowerCase()}`)),
		async executeBatch(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
			if (isMappedMode.call(this)) return await executeMapped.call(this, mapped, items);
			return await executeDefine.call(this, mapped, readDocument, items);
		},
	};

	return { get, getAll, create, update, upsert };
}

export function operationProperty(kind: DocumentKind, article: string): INodeProperties {
	const l = kind.label.toLowerCase();
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [kind.resource] } },
		options: [
			{ name: 'Create', value: 'create', description: `Raise ${article} ${l}; Sage prices and taxes it`, action: `Create ${article} ${l}` },
			{
				name: 'Create or Update',
				value: 'upsert',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				action: `Create or update ${article} ${l}`,
			},
			{ name: 'Get', value: 'get', description: `Get ${article} ${l} with its lines`, action: `Get ${article} ${l}` },
			{ name: 'Get Many', value: 'getAll', description: `Get many ${l}s`, action: `Get many ${l}s` },
			{ name: 'Update', value: 'update', description: `Update the header of ${article} ${l}`, action: `Update ${article} ${l}` },
		],
		default: 'get',
	};
}
