// Ajv validators built from the official ForceManager v4 swagger (Swagger 2.0), vendored verbatim at
// sandbox/forcemanager/spec/forcemanager-v4.swagger.json.
//
// RELAXATIONS (the only places where validation is looser than the swagger text):
//  1. Responses: every property may also be `null`. Swagger 2.0 cannot say "nullable", yet the notes (§3, §8)
//     document nulls on read: unset lookups are `null`, `dateUpdated` is null until the first update,
//     `dateDeleted`/`salesRepId*` are null until set, and examples show `public: null`, `extId: null`.
//  2. `Error.code` may be a string as well as an integer: the session-expired body is `{"code":"2",...}` (notes §2.4).
//  3. Requests: `null` is refused by default (the swagger models have none); pass `{allowNull: true}` to accept
//     nulls that clear a field on PUT.
// Schemas stay open (no additionalProperties: false) as in the swagger, so the documented read-side spellings
// (`Message`, `lastName`, `UseCompanyAddress`, `salesorderId`, `salesForcecastDate`) validate. For requests,
// `{noExtraProperties: true}` rejects properties the model does not declare (Z_ extra fields always allowed).
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SWAGGER_PATH = join(__dirname, '..', '..', 'sandbox', 'forcemanager', 'spec', 'forcemanager-v4.swagger.json');

type Json = Record<string, unknown>;
interface Operation {
	parameters?: Json[];
	responses?: Record<string, { schema?: Json }>;
}

export const swagger = JSON.parse(readFileSync(SWAGGER_PATH, 'utf8')) as {
	basePath: string;
	paths: Record<string, Record<string, Operation | Json>>;
	definitions: Record<string, Json>;
};

export interface ValidationResult {
	valid: boolean;
	errors: string[];
}

/** Every (method, path template) the swagger declares, e.g. ['GET', '/accounts/{id}']. */
export function swaggerOperations(): Array<{ method: string; path: string; operationId: string; statuses: string[] }> {
	const out: Array<{ method: string; path: string; operationId: string; statuses: string[] }> = [];
	for (const [path, item] of Object.entries(swagger.paths)) {
		for (const [method, op] of Object.entries(item)) {
			if (!['get', 'post', 'put', 'delete', 'patch'].includes(method)) continue;
			const operation = op as Operation & { operationId?: string };
			out.push({ method: method.toUpperCase(), path, operationId: operation.operationId ?? '', statuses: Object.keys(operation.responses ?? {}) });
		}
	}
	return out;
}

interface ConvertOptions {
	nullable: boolean;
	closed: boolean;
}

/** Swagger 2.0 schema -> JSON Schema draft-07 for ajv; `$ref` siblings (e.g. `required`) are kept via allOf. */
function convert(schema: unknown, opts: ConvertOptions, definitionName?: string): unknown {
	if (Array.isArray(schema)) return schema.map((s) => convert(s, opts));
	if (typeof schema !== 'object' || schema === null) return schema;
	const input = schema as Json;
	if (typeof input.$ref === 'string') {
		const name = input.$ref.replace('#/definitions/', '');
		const { $ref: _ref, ...siblings } = input;
		const target = `#/definitions/${name}${opts.closed ? 'Closed' : ''}`;
		const rest = convert(stripAnnotations(siblings), opts) as Json;
		return Object.keys(rest).length ? { allOf: [{ $ref: target }], ...rest } : { $ref: target };
	}
	const out: Json = {};
	for (const [key, value] of Object.entries(stripAnnotations(input))) {
		if (key === 'properties') {
			out.properties = Object.fromEntries(Object.entries(value as Json).map(([k, v]) => [k, convert(v, opts)]));
		} else if (key === 'items') {
			out.items = convert(value, opts);
		} else {
			out[key] = value;
		}
	}
	if (definitionName === 'Error' && out.properties) {
		(out.properties as Json).code = { type: ['integer', 'string'] }; // relaxation 2
	}
	if (opts.nullable && out.type && typeof out.type === 'string') out.type = [out.type, 'null']; // relaxation 1
	if (opts.nullable && !out.type && out.properties) out.type = ['object', 'null'];
	if (opts.closed && out.properties && out.type === 'object') {
		out.additionalProperties = false;
		out.patternProperties = { '^[Zz]_': {} };
	}
	return out;
}

function stripAnnotations(schema: Json): Json {
	const out: Json = {};
	for (const [key, value] of Object.entries(schema)) {
		if (key.startsWith('x-') || key === 'example' || key === 'title' || key === 'description' || key === 'default') continue;
		out[key] = value;
	}
	return out;
}

function buildAjv(opts: ConvertOptions): Ajv {
	const ajv = new Ajv({ allErrors: true, strict: false });
	addFormats(ajv);
	const definitions: Json = {};
	for (const [name, def] of Object.entries(swagger.definitions)) {
		definitions[`${name}${opts.closed ? 'Closed' : ''}`] = convert(def, opts, name);
		if (opts.closed) definitions[name] = definitions[`${name}Closed`];
	}
	ajv.addSchema({ $id: 'fm', definitions });
	return ajv;
}

const ajvs = new Map<string, Ajv>();
const compiled = new Map<string, ValidateFunction>();

function validatorFor(schema: unknown, opts: ConvertOptions, cacheKey: string): ValidateFunction {
	const key = `${cacheKey}|${opts.nullable}|${opts.closed}`;
	let fn = compiled.get(key);
	if (!fn) {
		const ajvKey = `${opts.nullable}|${opts.closed}`;
		let ajv = ajvs.get(ajvKey);
		if (!ajv) ajvs.set(ajvKey, (ajv = buildAjv(opts)));
		const converted = JSON.parse(JSON.stringify(convert(schema, opts)).replace(/"#\/definitions\//g, '"fm#/definitions/'));
		fn = ajv.compile(converted as Json);
		compiled.set(key, fn);
	}
	return fn;
}

/** Accepts `/accounts/{id}` or `/api/v4/accounts/{id}`. */
function operation(method: string, pathTemplate: string): Operation {
	const path = pathTemplate.startsWith(swagger.basePath) ? pathTemplate.slice(swagger.basePath.length) : pathTemplate;
	const op = swagger.paths[path]?.[method.toLowerCase()] as Operation | undefined;
	if (!op) throw new Error(`The swagger declares no ${method.toUpperCase()} ${path}`);
	return op;
}

function result(fn: ValidateFunction, body: unknown): ValidationResult {
	const valid = fn(body) as boolean;
	return { valid, errors: valid ? [] : (fn.errors ?? []).map(formatError) };
}

function formatError(e: ErrorObject): string {
	return `${e.instancePath || '(root)'} ${e.message ?? ''}${e.params && 'additionalProperty' in e.params ? ` '${String(e.params.additionalProperty)}'` : ''}`;
}

/** Validates a response body against the swagger's schema for (method, path, status). */
export function validateResponse(method: string, pathTemplate: string, status: number, body: unknown): ValidationResult {
	const op = operation(method, pathTemplate);
	const response = op.responses?.[String(status)];
	if (!response) return { valid: false, errors: [`the swagger declares no ${status} response for ${method.toUpperCase()} ${pathTemplate}`] };
	if (!response.schema) return { valid: true, errors: [] };
	return result(validatorFor(response.schema, { nullable: true, closed: false }, `res ${method} ${pathTemplate} ${status}`), body);
}

/** Validates a request body against the swagger's body parameter (with its inline `required` list). */
export function validateRequestBody(
	method: string,
	pathTemplate: string,
	body: unknown,
	options: { allowNull?: boolean; noExtraProperties?: boolean } = {},
): ValidationResult {
	const op = operation(method, pathTemplate);
	const param = op.parameters?.find((p) => p.in === 'body');
	if (!param) return { valid: false, errors: [`the swagger declares no request body for ${method.toUpperCase()} ${pathTemplate}`] };
	const opts = { nullable: options.allowNull === true, closed: options.noExtraProperties === true };
	return result(validatorFor(param.schema, opts, `req ${method} ${pathTemplate}`), body);
}

/** Throwing variants for tests. */
export function assertValidResponse(method: string, pathTemplate: string, status: number, body: unknown): void {
	const r = validateResponse(method, pathTemplate, status, body);
	if (!r.valid) throw new Error(`${method.toUpperCase()} ${pathTemplate} ${status} does not match the swagger: ${r.errors.join('; ')}`);
}

export function assertValidRequestBody(method: string, pathTemplate: string, body: unknown, options?: { allowNull?: boolean; noExtraProperties?: boolean }): void {
	const r = validateRequestBody(method, pathTemplate, body, options);
	if (!r.valid) throw new Error(`request body for ${method.toUpperCase()} ${pathTemplate} does not match the swagger: ${r.errors.join('; ')}`);
}
