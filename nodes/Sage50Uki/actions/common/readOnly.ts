// Get / Get Many for resources the contract only reads (products, invoices, users): they flow
// Sage → ForceManager only (P1, O2, U1), so the node offers no writes for them.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { sagePages } from '../../../shared/sage50/paging';
import { sageRequest } from '../../../shared/sage50/transport';
import { getManyProperties, readGetMany, show } from './params';

export interface ReadOnlySpec {
	resource: string;
	label: string;
	path: string;
	key: INodeProperties;
	filters?: INodeProperties[];
	/** Query parameters from the filters collection (server-side). */
	query?: (filters: IDataObject) => IDataObject;
	/** Row filter applied here (for filters the contract lacks). */
	keep?: (row: IDataObject, filters: IDataObject) => boolean;
}

export function readOnlyOperations(spec: ReadOnlySpec) {
	const get = {
		description: show(spec.resource, 'get', [spec.key]),
		async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
			const key = String(this.getNodeParameter(spec.key.name, itemIndex, '') ?? '').trim();
			return (await sageRequest.call(this, {
				method: 'GET',
				path: `${spec.path}/${encodeURIComponent(key)}`,
				label: spec.label,
				record: key,
				itemIndex,
			})) as IDataObject;
		},
	};
	const getAll = {
		description: getManyProperties(spec.resource, spec.filters),
		async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
			const { limit, filters, qs } = readGetMany.call(this, itemIndex);
			Object.assign(qs, spec.query?.(filters) ?? {});
			const out: IDataObject[] = [];
			// Filtering here means a page may hold fewer wanted rows: read full pages then.
			const pageSize = spec.keep ? 1000 : (limit ?? 1000);
			for await (const page of sagePages.call(this, spec.path, qs, pageSize)) {
				for (const row of page) {
					if (spec.keep && !spec.keep(row, filters)) continue;
					out.push(row);
					if (limit !== undefined && out.length >= limit) return out;
				}
			}
			return out;
		},
	};
	return { get, getAll };
}

export function readOnlyOperationProperty(resource: string, singular: string, plural: string): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: [
			{ name: 'Get', value: 'get', description: `Get a ${singular}`, action: `Get a ${singular}` },
			{ name: 'Get Many', value: 'getAll', description: `Get many ${plural}`, action: `Get many ${plural}` },
		],
		default: 'get',
	};
}
