// Checks a bridge answer against openapi.yaml (ajv 2020 + ajv-formats): the path template and method
// must exist, the status must be documented (or covered by `default`), and a JSON body must match its
// schema. Used by the contract test command and by the service tests' API client.
import type { ValidateFunction } from 'ajv/dist/2020';
import { openApiDocument } from '../openapi';
import { contractAjv, pointerEscape } from './ajv';

type Json = Record<string, unknown>;
const doc = openApiDocument();
const paths = doc.paths as Record<string, Json>;
const ajv = contractAjv({ allErrors: true });

const compiled = new Map<string, ValidateFunction>();

const templates = Object.keys(paths).map((template) => ({
	template,
	regex: new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`),
	literal: !template.includes('{'),
}));

export function findTemplate(path: string): string | undefined {
	const hits = templates.filter((t) => t.regex.test(path));
	return (hits.find((t) => t.literal) ?? hits[0])?.template;
}

export const contractStats = { validated: 0, operations: new Set<string>() };

/** Throws when a response does not follow the contract. */
export function assertContract(method: string, rawPath: string, status: number, contentType: string | undefined, data: unknown): void {
	const path = rawPath.split('?')[0];
	const template = findTemplate(path);
	if (!template) throw new Error(`Contract: no path in openapi.yaml matches ${path}`);
	const operation = paths[template][method.toLowerCase()] as Json | undefined;
	if (!operation) throw new Error(`Contract: ${method} ${template} is not documented`);
	const responses = operation.responses as Record<string, Json>;
	const statusKey = String(status) in responses ? String(status) : 'default';
	let response = responses[statusKey];
	if (!response) throw new Error(`Contract: status ${status} not documented for ${method} ${template}`);
	let pointer = `/paths/${pointerEscape(template)}/${method.toLowerCase()}/responses/${statusKey}`;
	if (typeof response.$ref === 'string') {
		pointer = response.$ref.slice(1);
		response = (doc.components as Json).responses as Json;
		response = (response as Record<string, Json>)[pointer.split('/').pop()!];
	}
	const content = response.content as Record<string, Json>;
	const media = (contentType ?? '').split(';')[0].trim();
	if (content['application/json']) {
		if (media !== 'application/json') throw new Error(`Contract: ${method} ${template} ${status} should be JSON, got ${media}`);
		const key = `${pointer}/content/application~1json/schema`;
		let validate = compiled.get(key);
		if (!validate) {
			validate = ajv.compile({ $ref: `openapi#${key}` });
			compiled.set(key, validate);
		}
		if (!validate(data)) {
			throw new Error(`Contract: ${method} ${path} ${status} body violates openapi.yaml: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(data).slice(0, 500)}`);
		}
	} else if (!Object.keys(content).some((c) => c === media || (c.endsWith('/*') && media.startsWith(c.slice(0, -1))))) {
		throw new Error(`Contract: ${method} ${template} ${status} content type ${media} not documented`);
	}
	contractStats.validated++;
	contractStats.operations.add(`${method.toUpperCase()} ${template}`);
}

const operations = () =>
	Object.entries(paths).flatMap(([template, item]) =>
		Object.entries(item)
			.filter(([k]) => ['get', 'post', 'patch', 'put', 'delete'].includes(k))
			.map(([m, op]) => ({ method: m.toUpperCase(), template, operationId: String((op as Json).operationId) })),
	);

/** The operations documented in openapi.yaml, as `METHOD /template`. */
export function documentedOperations(): string[] {
	return operations().map((o) => `${o.method} ${o.template}`);
}

/** Their operationIds. */
export function documentedOperationIds(): string[] {
	return operations().map((o) => o.operationId);
}
