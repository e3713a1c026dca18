// Generic Get / Get Many / Create / Update / Delete for a ForceManager resource. Each
// `<resource>/<op>.operation.ts` picks one of these with its resource spec.
import type { IDataObject, IExecuteFunctions, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { forceManagerList } from '../../../shared/forcemanager/paging';
import { returnAllAndLimit, show } from '../../../shared/properties';
import { forceManagerRequest, responseMessage } from '../../../shared/forcemanager/transport';
import { readHttpFailure } from '../../../shared/httpFailure';
import { collectionOptions, fieldProperty, readCollectionBody, readCreateBody } from './fields';
import { filterProperties, listOptions, readFilters } from './filters';
import type { ResourceSpec } from './resources';

export type ItemExecute = (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject | IDataObject[]>;

export interface Operation {
	description: INodeProperties[];
	execute: ItemExecute;
}

export { show };

export function idProperty(label: string): INodeProperties {
	return {
		displayName: `${label} ID`,
		name: 'id',
		type: 'string',
		required: true,
		default: '',
		description: `ID of the ${label.toLowerCase()} in ForceManager`,
	};
}

export function readId(this: IExecuteFunctions, itemIndex: number, label: string): number {
	const raw = String(this.getNodeParameter('id', itemIndex, '')).trim();
	if (!/^\d+$/.test(raw)) {
		throw new NodeOperationError(this.getNode(), `${label} ID must be a whole number, got "${raw}"`, { itemIndex });
	}
	return Number(raw);
}

/** By-id call; ForceManager answers 400 (not 404) for an unknown id (notes §5). */
export async function byId(
	this: IExecuteFunctions,
	method: 'GET' | 'PUT' | 'DELETE',
	path: string,
	id: number,
	label: string,
	itemIndex: number,
	body?: IDataObject,
): Promise<IDataObject> {
	try {
		return (await forceManagerRequest.call(this, { method, path: `${path}/${id}`, body })) as IDataObject;
	} catch (error) {
		const { status } = readHttpFailure(error);
		const message =
			status === 400 || status === 404
				? `The ${label.toLowerCase()} with ID ${id} was not found or the request was invalid`
				: undefined;
		throw withItem(new NodeApiError(this.getNode(), error as JsonObject, { itemIndex }), itemIndex, message);
	}
}

/**
 * NodeApiError hands back an existing NodeApiError unchanged when re-wrapped, so message and item
 * index are set on the instance. The description keeps ForceManager's own explanation.
 */
export function withItem(error: NodeApiError, itemIndex: number, message?: string): NodeApiError {
	if (message) {
		if (!error.description && error.message) error.description = error.message;
		error.message = message;
	}
	error.context.itemIndex = itemIndex;
	return error;
}

export function getOperation(spec: Pick<ResourceSpec, 'value' | 'label' | 'path'>): Operation {
	return {
		description: show(spec.value, 'get', [idProperty(spec.label)]),
		async execute(itemIndex) {
			const id = readId.call(this, itemIndex, spec.label);
			return await byId.call(this, 'GET', spec.path, id, spec.label, itemIndex);
		},
	};
}

export function getManyProperties(resource: string): INodeProperties[] {
	return show(resource, 'getAll', [
		...returnAllAndLimit,
		...filterProperties,
		listOptions,
	]);
}

export async function executeGetMany(this: IExecuteFunctions, path: string, itemIndex: number): Promise<IDataObject[]> {
	let query;
	try {
		query = readFilters({
			filters: this.getNodeParameter('filters', itemIndex, {}) as IDataObject,
			options: this.getNodeParameter('options', itemIndex, {}) as IDataObject,
		});
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex });
	}
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
	return await forceManagerList.call(this, path, query, limit);
}

export function getManyOperation(spec: Pick<ResourceSpec, 'value' | 'path'>): Operation {
	return {
		description: getManyProperties(spec.value),
		async execute(itemIndex) {
			return await executeGetMany.call(this, spec.path, itemIndex);
		},
	};
}

export function createProperties(spec: ResourceSpec): INodeProperties[] {
	const required = spec.fields.filter((f) => f.requiredOnCreate).map((f) => fieldProperty(f, true));
	const optional = spec.fields.filter((f) => !f.requiredOnCreate);
	return show(spec.value, 'create', [
		...required,
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: collectionOptions(optional),
		},
	]);
}

/** Create returns only the id (notes §5), so the record is read back for the output. */
export async function createRecord(
	this: IExecuteFunctions,
	spec: Pick<ResourceSpec, 'path' | 'label'>,
	body: IDataObject,
	itemIndex: number,
): Promise<IDataObject> {
	let created: IDataObject;
	try {
		created = (await forceManagerRequest.call(this, { method: 'POST', path: spec.path, body })) as IDataObject;
	} catch (error) {
		throw withItem(new NodeApiError(this.getNode(), error as JsonObject, { itemIndex }), itemIndex);
	}
	const id = Number(created?.id);
	if (!Number.isInteger(id)) {
		throw new NodeOperationError(
			this.getNode(),
			`ForceManager did not return an ID for the new ${spec.label.toLowerCase()}: ${responseMessage(created) ?? 'no message'}`,
			{ itemIndex },
		);
	}
	return await byId.call(this, 'GET', spec.path, id, spec.label, itemIndex);
}

export function createOperation(spec: ResourceSpec): Operation {
	return {
		description: createProperties(spec),
		async execute(itemIndex) {
			const body = readCreateBody.call(this, spec.fields, itemIndex);
			return await createRecord.call(this, spec, body, itemIndex);
		},
	};
}

export function updateProperties(spec: ResourceSpec): INodeProperties[] {
	return show(spec.value, 'update', [
		idProperty(spec.label),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: collectionOptions(spec.fields),
		},
	]);
}

export function updateOperation(spec: ResourceSpec): Operation {
	return {
		description: updateProperties(spec),
		async execute(itemIndex) {
			const id = readId.call(this, itemIndex, spec.label);
			const body = readCollectionBody.call(this, spec.fields, 'updateFields', itemIndex);
			if (Object.keys(body).length > 0) {
				// PUT is a partial update: only the chosen fields are sent (notes §1).
				await byId.call(this, 'PUT', spec.path, id, spec.label, itemIndex, body);
			}
			return await byId.call(this, 'GET', spec.path, id, spec.label, itemIndex);
		},
	};
}

export function deleteOperation(spec: Pick<ResourceSpec, 'value' | 'label' | 'path'>): Operation {
	return {
		description: show(spec.value, 'delete', [idProperty(spec.label)]),
		async execute(itemIndex) {
			const id = readId.call(this, itemIndex, spec.label);
			await byId.call(this, 'DELETE', spec.path, id, spec.label, itemIndex);
			return { id, deleted: true };
		},
	};
}
