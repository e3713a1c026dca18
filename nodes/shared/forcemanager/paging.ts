// Lists are bare arrays, `page` is 0-based, page size comes from the `count` header and the end is
// an empty or short page (notes §4.1, §4.2). Pages are streamed so memory stays flat.
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { forceManagerRequest, type ForceManagerFunctions } from './transport';

export interface ForceManagerListQuery {
	where?: string;
	order?: string;
	pageSize?: number;
	lang?: string;
}

export const DEFAULT_PAGE_SIZE = 50;

export async function* forceManagerPages(
	this: ForceManagerFunctions,
	path: string,
	query: ForceManagerListQuery = {},
): AsyncGenerator<IDataObject[]> {
	const pageSize = query.pageSize && query.pageSize > 0 ? Math.floor(query.pageSize) : DEFAULT_PAGE_SIZE;
	const qs: IDataObject = {};
	if (query.where) qs.where = query.where;
	if (query.order) qs.order = query.order;
	if (query.lang) qs.lang = query.lang;
	for (let page = 0; ; page++) {
		const rows: unknown = await forceManagerRequest.call(this, {
			method: 'GET',
			path,
			qs: { ...qs, page },
			pageSize,
		});
		if (!Array.isArray(rows)) {
			throw new NodeOperationError(this.getNode(), `ForceManager returned a non-list answer for GET ${path}`);
		}
		if (rows.length === 0) return;
		yield rows as IDataObject[];
		if (rows.length < pageSize) return;
	}
}

export async function forceManagerList(
	this: ForceManagerFunctions,
	path: string,
	query: ForceManagerListQuery = {},
	limit?: number,
): Promise<IDataObject[]> {
	const out: IDataObject[] = [];
	// Never fetch a bigger page than the caller wants.
	const pageSize =
		limit !== undefined && limit > 0 && limit < (query.pageSize ?? DEFAULT_PAGE_SIZE)
			? limit
			: query.pageSize;
	for await (const page of forceManagerPages.call(this, path, { ...query, pageSize })) {
		for (const row of page) {
			out.push(row);
			if (limit !== undefined && out.length >= limit) return out;
		}
	}
	return out;
}
