// Product picture from Sage's product image (P3). Upload is two steps (notes §11): POST
// /products/{id}/documents → {id, locator}, then PUT the bytes to the locator. The document name
// carries a content hash (`<extId>-<sha1-8>.<ext>`), so listing the product's documents tells
// whether this exact image is already there and an unchanged image is never uploaded again.
import { createHash } from 'node:crypto';

import type { IBinaryData, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forceManagerRequest } from '../../../shared/forcemanager/transport';

const EXTENSIONS: Record<string, string> = {
	'image/jpeg': 'jpg',
	'image/jpg': 'jpg',
	'image/png': 'png',
	'image/gif': 'gif',
	'image/bmp': 'bmp',
	'image/webp': 'webp',
};

export function pictureName(extId: string, bytes: Buffer, binary: Pick<IBinaryData, 'mimeType' | 'fileExtension' | 'fileName'>): string {
	const hash = createHash('sha1').update(bytes).digest('hex').slice(0, 8);
	const fromName = binary.fileName?.includes('.') ? binary.fileName.split('.').pop() : undefined;
	const ext = (binary.fileExtension || EXTENSIONS[binary.mimeType?.toLowerCase() ?? ''] || fromName || 'bin').toLowerCase();
	// The extId may hold characters a file name should not ("ABS001/3").
	const safe = extId.replace(/[^A-Za-z0-9_-]+/g, '_');
	return `${safe}-${hash}.${ext.replace(/[^a-z0-9]/g, '')}`;
}

/** Uploads the item's image unless a document with the same content-hash name exists. */
export async function syncPicture(
	this: IExecuteFunctions,
	itemIndex: number,
	property: string,
	productId: number,
	extId: string,
	binary: IBinaryData,
): Promise<boolean> {
	const bytes = await this.helpers.getBinaryDataBuffer(itemIndex, property);
	const name = pictureName(extId, bytes, binary);
	const docs = (await forceManagerRequest.call(this, {
		method: 'GET',
		path: `/products/${productId}/documents`,
	})) as IDataObject[];
	if (Array.isArray(docs) && docs.some((d) => d.name === name && d.uploaded !== false)) return false;

	const created = (await forceManagerRequest.call(this, {
		method: 'POST',
		path: `/products/${productId}/documents`,
		// isCarrousel: the picture shows in the product carousel (notes §11).
		body: { name, folderId: '-1', isCarrousel: true },
	})) as IDataObject;
	const locator = typeof created?.locator === 'string' ? created.locator : '';
	if (locator === '') throw new Error('ForceManager answered the document creation without an upload locator');
	// The locator is a pre-signed storage URL: no ForceManager session, raw bytes.
	await this.helpers.httpRequest({
		method: 'PUT',
		url: locator,
		body: bytes,
		headers: { 'Content-Type': 'application/octet-stream' },
		json: false,
	});
	return true;
}
