// ajv for the contract: JSON Schema 2020-12 (the schema dialect of OpenAPI 3.1) with formats, the
// whole openapi.yaml registered as `openapi`, so any schema in it compiles by JSON pointer
// (`openapi#/components/schemas/Customer`). Requests and responses are checked by the same document.
import Ajv2020, { type Options } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { openApiDocument } from '../openapi';

export const CONTRACT_ID = 'openapi';

export function contractAjv(options: Options = {}, document: object = openApiDocument()): Ajv2020 {
	const ajv = new Ajv2020({ strict: false, allErrors: false, ...options });
	addFormats(ajv);
	ajv.addFormat('binary', true);
	ajv.addSchema(document, CONTRACT_ID);
	return ajv;
}

/** A JSON pointer segment (`/customers/{accountRef}` → `~1customers~1{accountRef}`). */
export const pointerEscape = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** Makes a schema taken out of the document refer back into it (`#/components/…` → `openapi#/components/…`). */
export function rebase<T>(schema: T): T {
	if (Array.isArray(schema)) return schema.map(rebase) as T;
	if (!schema || typeof schema !== 'object') return schema;
	return Object.fromEntries(
		Object.entries(schema).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `${CONTRACT_ID}${v}` : rebase(v)]),
	) as T;
}
