// Key-cursor paging (openapi.yaml "Paging"): `{items, nextCursor}`, pass nextCursor as `after`,
// null on the last page. Pages are streamed so memory stays flat.
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { sageRequest, type SageFunctions } from './transport';

export const MAX_PAGE_SIZE = 1000;
export const DEFAULT_PAGE_SIZE = 100;

interface Page {
	items: IDataObject[];
	nextCursor: string | null;
}

export async function* sagePages(
	this: SageFunctions,
	path: string,
	qs: IDataObject = {},
	pageSize = DEFAULT_PAGE_SIZE,
): AsyncGenerator<IDataObject[]> {
	const limit = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(pageSize)));
	let after: string | undefined;
	for (;;) {
		const page = (await sageRequest.call(this, {
			method: 'GET',
			path,
			qs: { ...qs, limit, ...(after === undefined ? {} : { after }) },
		})) as Page;
		if (!page || !Array.isArray(page.items)) {
			throw new NodeOperationError(this.getNode(), `The Sage 50 bridge returned no item list for GET ${path}`);
		}
		if (page.items.length > 0) yield page.items;
		if (page.nextCursor === null || page.nextCursor === undefined || page.nextCursor === after) return;
		after = String(page.nextCursor);
	}
}

/** All items (or the first `limit`), never fetching bigger pages than needed. */
export async function sageList(
	this: SageFunctions,
	path: string,
	qs: IDataObject = {},
	limit?: number,
): Promise<IDataObject[]> {
	const out: IDataObject[] = [];
	const pageSize = limit !== undefined && limit > 0 ? Math.min(limit, MAX_PAGE_SIZE) : MAX_PAGE_SIZE;
	for await (const page of sagePages.call(this, path, qs, pageSize)) {
		for (const row of page) {
			out.push(row);
			if (limit !== undefined && out.length >= limit) return out;
		}
	}
	return out;
}
