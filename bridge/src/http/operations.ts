// The contract's operations as routes: every path and method of openapi.yaml, handled by
// operationId, its flags read from the document (public: `security: []`; write: a required
// Idempotency-Key header), and its request checked against the document before the handler runs:
//   - path and query parameters: their schemas, strings coerced to the declared types, defaults
//     filled in (a path that cannot name a record is 404 NOT_FOUND, as for an unknown record);
//   - JSON bodies: their schemas. Bodies marked `x-sage-record` (customers, addresses, orders) are
//     checked for shape only — JSON types, known fields, 0/1 flags, dates, list sizes — because
//     lengths, required fields and allowed values are Sage's rules: the adapter applies them and
//     answers with their stable codes and the record (FIELD_TOO_LONG, REQUIRED_FIELD …), as SDO would.
// The Idempotency-Key header is the write queue's (server.ts), with its own error code.
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import { contractAjv, pointerEscape, rebase } from '../contract/ajv';
import { BridgeError } from '../errors';
import { openApiDocument } from '../openapi';
import { type Handler, type RequestContext, Router } from './router';

type Json = Record<string, unknown>;
interface Parameter {
	name: string;
	in: 'path' | 'query' | 'header' | 'cookie';
	required?: boolean;
	schema?: Json;
}

const doc = openApiDocument();
const HTTP_METHODS = ['get', 'post', 'patch', 'put', 'delete'];

/** Value rules left to the adapter on `x-sage-record` bodies; a 0/1 flag's enum is its shape and stays. */
const SAGE_RULES = new Set(['maxLength', 'minLength', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minItems', 'required', 'enum', 'default']);
function shapeOnly(node: unknown): unknown {
	if (Array.isArray(node)) return node.map(shapeOnly);
	if (!node || typeof node !== 'object') return node;
	const out: Json = {};
	for (const [k, v] of Object.entries(node)) {
		const keyword = SAGE_RULES.has(k) && (typeof v !== 'object' || Array.isArray(v));
		const flag = k === 'enum' && JSON.stringify(v) === '[0,1]';
		if (!keyword || flag) out[k] = shapeOnly(v);
	}
	return out;
}

// Parameters arrive as strings: coerce them; bodies are JSON and keep their types.
const paramsAjv = contractAjv({ coerceTypes: true, useDefaults: true });
const bodyAjv = contractAjv({ useDefaults: true });
const shapeAjv = contractAjv({}, shapeOnly(doc) as object);

const resolveParameter = (p: Json): Parameter =>
	(typeof p.$ref === 'string' ? (doc.components as Json & { parameters: Record<string, Parameter> }).parameters[p.$ref.split('/').pop()!] : p) as unknown as Parameter;

const TYPE_WORDS: Record<string, string> = { string: 'a string', integer: 'an integer', number: 'a number', boolean: 'true or false', object: 'an object', array: 'an array', null: 'null' };
const FORMAT_WORDS: Record<string, string> = { date: 'a date (YYYY-MM-DD)', 'date-time': 'an RFC 3339 date-time with Z or an offset' };

/** `/ITEMS/0/QTY_ORDER` → `ITEMS[0].QTY_ORDER` (the field names the adapter uses too). */
function fieldOf(e: ErrorObject): string {
	const p = e.params as { missingProperty?: string; additionalProperty?: string; unevaluatedProperty?: string };
	const segments = e.instancePath.split('/').slice(1);
	const child = p.missingProperty ?? p.additionalProperty ?? p.unevaluatedProperty;
	if (child !== undefined) segments.push(child);
	return segments.reduce((field, s) => (/^\d+$/.test(s) ? `${field}[${s}]` : field ? `${field}.${s}` : s), '');
}

function describe(e: ErrorObject, field: string): string {
	const p = e.params as { type?: string | string[]; allowedValues?: unknown[]; format?: string };
	switch (e.keyword) {
		case 'additionalProperties':
		case 'unevaluatedProperties':
			return `Unknown field ${field}`;
		case 'required':
			return `${field} is required`;
		case 'type':
			if (!field) return 'Request body must be a JSON object';
			return `${field} must be ${[p.type ?? []].flat().map((t) => TYPE_WORDS[t] ?? t).join(' or ')}`;
		case 'enum':
			return `${field} must be one of ${(p.allowedValues ?? []).join(', ')}`;
		case 'format':
			return `${field} must be ${FORMAT_WORDS[p.format ?? ''] ?? `a ${p.format}`}`;
		default:
			return `${field || 'Request body'} ${e.message ?? 'is not valid'}`;
	}
}

function rejected(e: ErrorObject): BridgeError {
	const field = fieldOf(e);
	return new BridgeError('VALIDATION_FAILED', describe(e, field), field ? { field } : {});
}

function objectSchema(params: Parameter[]): Json {
	return {
		type: 'object',
		properties: Object.fromEntries(params.map((p) => [p.name, rebase(p.schema ?? {})])),
		required: params.filter((p) => p.required).map((p) => p.name),
	};
}

/** The checks of one operation, compiled once; fills ctx.input and may replace ctx.body's defaults. */
function requestCheck(template: string, method: string, pathItem: Json, op: Json): (ctx: RequestContext) => void {
	const params = [...((pathItem.parameters as Json[]) ?? []), ...((op.parameters as Json[]) ?? [])].map(resolveParameter);
	const pathParams = params.filter((p) => p.in === 'path');
	const queryParams = params.filter((p) => p.in === 'query');
	const checkPath = paramsAjv.compile(objectSchema(pathParams));
	const checkQuery = paramsAjv.compile(objectSchema(queryParams));
	const body = op.requestBody as Json | undefined;
	let checkBody: ValidateFunction | undefined;
	if (body && (body.content as Json | undefined)?.['application/json']) {
		const ref = `openapi#/paths/${pointerEscape(template)}/${method}/requestBody/content/application~1json/schema`;
		checkBody = (body['x-sage-record'] === true ? shapeAjv : bodyAjv).compile({ $ref: ref });
	}
	return (ctx) => {
		const path: Json = { ...ctx.params };
		if (!checkPath(path)) {
			const name = fieldOf(checkPath.errors![0]) || pathParams[0]?.name;
			throw new BridgeError('NOT_FOUND', `No ${name} ${ctx.params[name] ?? ''}`.trim(), { record: ctx.params[name] });
		}
		const query: Json = {};
		for (const p of queryParams) {
			const value = ctx.query.get(p.name); // the first one, when repeated
			if (value !== null) query[p.name] = value;
		}
		if (!checkQuery(query)) throw rejected(checkQuery.errors![0]);
		ctx.input = { path, query };
		if (checkBody && !checkBody(ctx.body)) throw rejected(checkBody.errors![0]);
	};
}

/** Compiled once per process: every bridge started in it shares them. */
const checks = new Map<string, (ctx: RequestContext) => void>();

/** Routes for every operation of openapi.yaml; `handlers` must cover them all, and nothing else. */
export function contractRouter(handlers: Record<string, Handler>): Router {
	const router = new Router();
	const unused = new Set(Object.keys(handlers));
	for (const [template, pathItem] of Object.entries(doc.paths)) {
		for (const method of HTTP_METHODS) {
			const op = pathItem[method] as Json | undefined;
			if (!op) continue;
			const operationId = String(op.operationId);
			const handler = handlers[operationId];
			if (!handler) throw new Error(`openapi.yaml: no handler for ${operationId} (${method.toUpperCase()} ${template})`);
			unused.delete(operationId);
			const key = `${method} ${template}`;
			if (!checks.has(key)) checks.set(key, requestCheck(template, method, pathItem, op));
			const check = checks.get(key)!;
			const params = [...((pathItem.parameters as Json[]) ?? []), ...((op.parameters as Json[]) ?? [])].map(resolveParameter);
			router.add(
				method.toUpperCase(),
				template,
				(ctx) => {
					check(ctx);
					return handler(ctx);
				},
				{
					public: Array.isArray(op.security) && op.security.length === 0,
					write: params.some((p) => p.in === 'header' && p.name === 'Idempotency-Key' && p.required),
				},
			);
		}
	}
	if (unused.size) throw new Error(`Handlers for operations that openapi.yaml does not document: ${[...unused].join(', ')}`);
	return router;
}
