// The bridge's contract document, found next to src/ and dist/ alike (both sit one level below it).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export const OPENAPI_FILE = join(__dirname, '..', 'openapi.yaml');

export type OpenApiDocument = Record<string, unknown> & { paths: Record<string, Record<string, unknown>> };

let cached: OpenApiDocument | undefined;

export function openApiDocument(): OpenApiDocument {
	cached ??= parse(readFileSync(OPENAPI_FILE, 'utf8')) as OpenApiDocument;
	return cached;
}
