// Editor parameters shared by the Sage 50 UKI operations.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { returnAllAndLimit, show } from '../../../shared/properties';
import { explicitKey } from '../../../shared/sage50/idempotency';
import { toModifiedSince } from '../../../shared/sage50/time';
import { buildBody, collectionOptions, type FieldSpec } from './fields';

export { show };

export function keyProperty(name: string, displayName: string, description: string, extra: Partial<INodeProperties> = {}): INodeProperties {
	return { displayName, name, type: 'string', required: true, default: '', description, ...extra } as INodeProperties;
}

/** Fields as an editor collection, or a whole Sage payload as JSON (e.g. from the mapper). */
export function inputProperties(fields: FieldSpec[], what: string): INodeProperties[] {
	return [
		{
			displayName: 'Input',
			name: 'inputMode',
			type: 'options',
			options: [
				{ name: 'Fields Below', value: 'fields' },
				{ name: 'JSON Payload', value: 'json', description: 'A Sage payload with Sage column names, e.g. from the mapper' },
			],
			default: 'fields',
		},
		{
			displayName: 'Fields',
			name: 'fields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			description: `Sage columns of the ${what}; only the fields set here are written`,
			displayOptions: { show: { inputMode: ['fields'] } },
			options: collectionOptions(fields),
		},
		{
			displayName: 'Payload',
			name: 'payload',
			type: 'json',
			default: '{}',
			description: 'Object of Sage columns, e.g. {"NAME": "Acme Ltd", "ADDRESS_1": "1 High Street"}',
			displayOptions: { show: { inputMode: ['json'] } },
		},
	];
}

export function readInput(this: IExecuteFunctions, itemIndex: number, fields: FieldSpec[]): IDataObject {
	const mode = this.getNodeParameter('inputMode', itemIndex, 'fields') as string;
	if (mode !== 'json') return buildBody(fields, this.getNodeParameter('fields', itemIndex, {}) as IDataObject);
	let raw = this.getNodeParameter('payload', itemIndex, {}) as unknown;
	if (typeof raw === 'string') {
		try {
			raw = raw.trim() === '' ? {} : JSON.parse(raw);
		} catch {
			throw new NodeOperationError(this.getNode(), 'Payload is not valid JSON', { itemIndex });
		}
	}
	if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
		throw new NodeOperationError(this.getNode(), 'Payload must be a JSON object of Sage columns', { itemIndex });
	}
	return { ...(raw as IDataObject) };
}

const idempotencyKeyOption: INodeProperties = {
	displayName: 'Idempotency Key',
	name: 'idempotencyKey',
	type: 'string',
	default: '',
	placeholder: 'e.g. shop-order-{{ $json.number }}',
	description:
		'Sent as the Idempotency-Key header as given (overrides Source Record ID); make it unique per record, e.g. an expression. Within the bridge\'s retention time (default 24 h) the same key replays the first result instead of writing again.',
};

/** Options of Create and Update: an explicit key, or the source record's identity. */
export const writeOptions: INodeProperties = {
	displayName: 'Options',
	name: 'writeOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		idempotencyKeyOption,
		{
			displayName: 'Source Record ID',
			name: 'sourceKey',
			type: 'string',
			default: '',
			placeholder: 'e.g. the ForceManager ID',
			description:
				'ID of the record in the system it comes from. On Create the idempotency key is derived from it alone, so running this source record again replays the first create instead of making a second record (within the bridge\'s retention time, default 24 h). Empty: the key comes from this execution and item, so a new execution creates again and only retries of this one replay.',
		},
	],
};

/** Options of Create or Update (Define Below): the match key already identifies the source record. */
export const upsertWriteOptions: INodeProperties = { ...writeOptions, options: [idempotencyKeyOption] };

export function readWriteOptions(this: IExecuteFunctions, itemIndex: number): { idempotencyKey?: string; sourceKey?: string } {
	const raw = this.getNodeParameter('writeOptions', itemIndex, {}) as IDataObject;
	let idempotencyKey: string | undefined;
	try {
		idempotencyKey = explicitKey(raw.idempotencyKey);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex });
	}
	const sourceKey = String(raw.sourceKey ?? '').trim();
	return { idempotencyKey, sourceKey: sourceKey === '' ? undefined : sourceKey };
}

export function getManyProperties(resource: string, filters: INodeProperties[] = [], modifiedSince = true): INodeProperties[] {
	const options: INodeProperties[] = [
		{
			displayName: 'Include Deleted',
			name: 'includeDeleted',
			type: 'boolean',
			default: false,
			description: 'Whether to include records deleted in Sage (RECORD_DELETED 1)',
		},
		...filters,
	];
	if (modifiedSince) {
		options.push({
			displayName: 'Modified Since',
			name: 'modifiedSince',
			type: 'dateTime',
			default: '',
			description:
				'Only records changed at or after this time (Sage RECORD_MODIFY_DATE). A time without offset is UK time; in the repeated autumn hour the earlier one is used.',
		});
	}
	return show(resource, 'getAll', [
		...returnAllAndLimit,
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: options.sort((a, b) => a.displayName.localeCompare(b.displayName)),
		},
	]);
}

/** `{limit?, qs}` for a Get Many: limit undefined means Return All. */
export function readGetMany(this: IExecuteFunctions, itemIndex: number): { limit?: number; filters: IDataObject; qs: IDataObject } {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	if (filters.includeDeleted === true) qs.includeDeleted = true;
	if (filters.modifiedSince) {
		try {
			qs.modifiedSince = toModifiedSince(filters.modifiedSince, this.getTimezone());
		} catch (error) {
			throw new NodeOperationError(this.getNode(), `Modified Since: ${(error as Error).message}`, { itemIndex });
		}
	}
	return { limit, filters, qs };
}
