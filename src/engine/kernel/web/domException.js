// DOMException (WebIDL): an Error subclass whose legacy `code` follows from its name.
import { ErrorCtor, TypeErrorCtor, WeakMapCtor, StringCtor, WeakMapGet, WeakMapSet, ReflectConstruct, ObjectSetPrototypeOf,
  StrStartsWith, StrSlice, StrIndexOf,
  ObjectDefineProperty as defineProperty } from '../shared/intrinsics.js';
import { defineGlobal, tag, webIdl, domString } from './idl.js';

const legacyCodes = {
  __proto__: null, IndexSizeError: 1, HierarchyRequestError: 3, WrongDocumentError: 4, InvalidCharacterError: 5,
  NoModificationAllowedError: 7, NotFoundError: 8, NotSupportedError: 9, InvalidStateError: 11, SyntaxError: 12,
  InvalidModificationError: 13, NamespaceError: 14, InvalidAccessError: 15, TypeMismatchError: 17, SecurityError: 18,
  NetworkError: 19, AbortError: 20, URLMismatchError: 21, QuotaExceededError: 22, TimeoutError: 23,
  InvalidNodeTypeError: 24, DataCloneError: 25,
};
const codeNames = [
  'INDEX_SIZE_ERR', 'DOMSTRING_SIZE_ERR', 'HIERARCHY_REQUEST_ERR', 'WRONG_DOCUMENT_ERR', 'INVALID_CHARACTER_ERR',
  'NO_DATA_ALLOWED_ERR', 'NO_MODIFICATION_ALLOWED_ERR', 'NOT_FOUND_ERR', 'NOT_SUPPORTED_ERR', 'INUSE_ATTRIBUTE_ERR',
  'INVALID_STATE_ERR', 'SYNTAX_ERR', 'INVALID_MODIFICATION_ERR', 'NAMESPACE_ERR', 'INVALID_ACCESS_ERR',
  'VALIDATION_ERR', 'TYPE_MISMATCH_ERR', 'SECURITY_ERR', 'NETWORK_ERR', 'ABORT_ERR', 'URL_MISMATCH_ERR',
  'QUOTA_EXCEEDED_ERR', 'TIMEOUT_ERR', 'INVALID_NODE_TYPE_ERR', 'DATA_CLONE_ERR',
];
const domState = new WeakMapCtor();
const nativeConstructFrame = '    at construct (native)\n';
// WebIDL: instances are errors (an Error's brand and stack) whose prototype chain passes through Error.prototype,
// but the interface object itself inherits from Function.prototype, not from Error. So no `extends`: the constructor
// makes an Error for `new.target` and returns it.
export class DOMException {
  constructor(message = '', options = 'Error') {
    // No message to Error: `message` is the prototype's getter (WebIDL), not an own property as Error's would be.
    const self = ReflectConstruct(ErrorCtor, [], new.target);
    // The stack starts where the script made the exception, not at Reflect.construct.
    const stack = self.stack;
    if (typeof stack === 'string' && StrStartsWith(stack, nativeConstructFrame)) {
      defineProperty(self, 'stack', { value: StrSlice(stack, StrIndexOf(stack, '\n') + 1), writable: true, configurable: true, enumerable: false });
    }
    let name = options;
    if (options !== null && typeof options === 'object') {
      name = options.name === undefined ? 'Error' : options.name;
      if ('cause' in options) defineProperty(self, 'cause', { value: options.cause, writable: true, configurable: true, enumerable: false });
    }
    WeakMapSet(domState, self, { name: domString(name), message: domString(message) });
    return self;
  }
  get name() { return state(this).name; }
  get message() { return state(this).message; }
  get code() { return legacyCodes[state(this).name] || 0; }
}
/** A DOMException's name and message, or undefined for anything else. */
export function domExceptionParts(x) {
  return x !== null && (typeof x === 'object' || typeof x === 'function') ? WeakMapGet(domState, x) : undefined;
}
function state(e) {
  const s = WeakMapGet(domState, e);
  if (!s) throw new TypeErrorCtor('Illegal invocation: not a DOMException');
  return s;
}
ObjectSetPrototypeOf(DOMException.prototype, ErrorCtor.prototype);
for (let i = 0; i < codeNames.length; i++) {
  const d = { value: i + 1, writable: false, enumerable: true, configurable: false };
  defineProperty(DOMException, codeNames[i], d);
  defineProperty(DOMException.prototype, codeNames[i], d);
}
webIdl(DOMException);
tag(DOMException, 'DOMException');
defineGlobal('DOMException', DOMException);
