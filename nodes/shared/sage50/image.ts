// A product's image (WEB_IMAGE_FILE) as an n8n binary, for Product → Get "Include Image" and the
// Sage trigger (P3: FM product pictures follow Sage). No image → undefined, never an error.
import type { IBinaryData, IExecuteFunctions, IPollFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { failureOf, sageRequestFull, segment } from './transport';

const EXTENSIONS: Record<string, string> = {
	'image/png': 'png',
	'image/jpeg': 'jpg',
	'image/gif': 'gif',
	'image/bmp': 'bmp',
	'image/webp': 'webp',
};

function headerValue(headers: Record<string, unknown>, name: string): string | undefined {
	const found = Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1];
	return found === undefined || found === null ? undefined : String(Array.isArray(found) ? found[0] : found);
}

export async function fetchProductImage(this: IExecuteFunctions | IPollFunctions, stockCode: string): Promise<IBinaryData | undefined> {
	let response;
	try {
		response = await sageRequestFull.call(this, {
			method: 'GET',
			path: `/products/${segment(stockCode)}/image`,
			encoding: 'arraybuffer',
			label: 'Image of product',
			record: stockCode,
		});
	} catch (error) {
		if (failureOf(error)?.status === 404) return undefined;
		// Re-wrapping a NodeApiError hands back the same error (the bridge's message stays).
		throw new NodeApiError(this.getNode(), error as JsonObject);
	}
	const raw = response.body as ArrayBuffer | Uint8Array;
	const bytes = Buffer.from(raw instanceof ArrayBuffer ? new Uint8Array(raw) : raw);
	const mimeType = (headerValue(response.headers, 'content-type') ?? 'application/octet-stream').split(';')[0].trim();
	const extension = EXTENSIONS[mimeType] ?? 'bin';
	const safe = stockCode.replace(/[^A-Za-z0-9._-]/g, '_');
	return await this.helpers.prepareBinaryData(bytes, `${safe}.${extension}`, mimeType);
}
