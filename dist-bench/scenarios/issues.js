import { didYouMean } from './problems.js';
import { keySpanAt, pathText, spanAt } from './positions.js';
/** Keys a strict object at `path` accepts, found by walking the schema along the path. */
export function knownKeysAt(schema, path, value) {
    let nodes = [schema];
    let current = value;
    for (const step of path) {
        const next = [];
        for (const n of nodes.flatMap(unwrap)) {
            const def = n._zod.def;
            if (def.type === 'object' && typeof step === 'string') {
                const child = def.shape[step];
                if (child)
                    next.push(child);
            }
            else if (def.type === 'array' && typeof step === 'number')
                next.push(def.element);
            else if (def.type === 'record')
                next.push(def.valueType);
        }
        nodes = next;
        current = current && typeof current === 'object' ? current[step] : undefined;
    }
    const keys = new Set();
    for (const n of nodes.flatMap(unwrap)) {
        const def = n._zod.def;
        if (def.type === 'object')
            for (const k of Object.keys(def.shape))
                keys.add(k);
    }
    void current;
    return [...keys];
}
/** Unwrap optional/default/pipe wrappers and expand unions to their options. */
function unwrap(n) {
    const def = n._zod.def;
    switch (def.type) {
        case 'optional':
        case 'default':
        case 'nullable':
        case 'prefault':
        case 'readonly':
            return unwrap(def.innerType);
        case 'pipe':
            return unwrap(def.in);
        case 'union':
            return def.options.flatMap(unwrap);
        default:
            return [n];
    }
}
function typeName(v) {
    if (v === null)
        return 'null';
    if (Array.isArray(v))
        return 'a list';
    if (typeof v === 'object')
        return 'a mapping';
    if (typeof v === 'string')
        return `the text '${v.length > 40 ? `${v.slice(0, 37)}...` : v}'`;
    return String(v);
}
function valueAt(root, path) {
    let v = root;
    for (const p of path)
        v = v && typeof v === 'object' ? v[p] : undefined;
    return v;
}
export function problemsFromIssues(issues, schema, data, doc, lc, text, file) {
    const out = [];
    const add = (code, path, message, key) => {
        const span = key === undefined ? spanAt(doc, lc, text, path) : keySpanAt(doc, lc, text, path, key);
        out.push({ file, ...span, code, message, severity: 'error' });
    };
    for (const issue of issues) {
        const path = issue.path;
        const where = pathText(path);
        const value = valueAt(data, path);
        switch (issue.code) {
            case 'unrecognized_keys':
                for (const key of issue.keys) {
                    const known = knownKeysAt(schema, path, data);
                    add('UNKNOWN_KEY', path, `unknown key '${key}' in ${where}${didYouMean(key, known)}`, key);
                }
                break;
            case 'invalid_type':
                if (value === undefined)
                    add('REQUIRED', path.slice(0, -1), `${where} is required (${issue.expected})`);
                else
                    add('TYPE', path, `${where} must be ${issue.expected === 'object' ? 'a mapping' : issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}, found ${typeName(value)}`);
                break;
            case 'invalid_value': {
                // Quote text values only: `vigil must be 1, found the text '1'`.
                const allowed = issue.values.map((v) => (typeof v === 'string' ? `'${v}'` : String(v))).join(', ');
                const hint = typeof value === 'string' ? didYouMean(value, issue.values.map(String)) : '';
                add('INVALID_VALUE', path, `${where} must be ${issue.values.length === 1 ? allowed : `one of ${allowed}`}, found ${typeName(value)}${hint}`);
                break;
            }
            case 'invalid_union': {
                const u = issue;
                if (u.discriminator) {
                    const options = (u.options ?? []).map(String);
                    const hint = typeof value === 'string' ? didYouMean(value, options) : '';
                    if (value === undefined)
                        add('REQUIRED', path.slice(0, -1), `${where} is required: one of ${options.map((o) => `'${o}'`).join(', ')}`);
                    else
                        add('INVALID_VALUE', path, `${where} must be one of ${options.map((o) => `'${o}'`).join(', ')}, found ${typeName(value)}${hint}`);
                }
                else {
                    // A union of formats (an offset or an epoch): name both.
                    add('FORMAT', path, `${where} must be an offset like '30m' or a UTC time like '2026-03-19T06:00:00Z', found ${typeName(value)}`);
                }
                break;
            }
            case 'too_small':
            case 'too_big': {
                const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
                const inclusive = issue.inclusive !== false;
                const rel = issue.code === 'too_small' ? (inclusive ? 'at least' : 'greater than') : inclusive ? 'at most' : 'less than';
                const what = issue.origin === 'array' ? 'entries' : issue.origin === 'string' ? 'characters' : '';
                add('OUT_OF_RANGE', path, `${where} must ${what ? 'have' : 'be'} ${rel} ${String(bound)}${what ? ` ${what}` : ''}, found ${Array.isArray(value) ? `${value.length} entries` : typeName(value)}`);
                break;
            }
            case 'invalid_key': {
                // A record key of the wrong form (owners.overrides: { abc: USA }): point at the key itself.
                const key = String(path[path.length - 1]);
                const inner = issue.issues?.[0]?.message ?? 'of another form';
                out.push({ file, ...keySpanAt(doc, lc, text, path.slice(0, -1), key), code: 'FORMAT', message: `key '${key}' in ${pathText(path.slice(0, -1))} must be ${inner}`, severity: 'error' });
                break;
            }
            case 'invalid_format':
                add(issue.message.includes('duration') ? 'BAD_DURATION' : issue.message.includes('UTC time') ? 'BAD_EPOCH' : 'FORMAT', path, `${where} must be ${issue.message}, found ${typeName(value)}`);
                break;
            default:
                add('INVALID_VALUE', path, `${where}: ${issue.message}`);
        }
    }
    return out;
}
//# sourceMappingURL=issues.js.map