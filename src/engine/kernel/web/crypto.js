// crypto and crypto.subtle.digest: random bytes and digests from the host's node:crypto.
import { TypeErrorCtor, DataViewCtor, Uint8ArrayCtor, StringCtor, TATag, TABuffer, TAByteOffset, TAByteLength, TASet,
  ArrayBufferIsView, StrToUpperCase, StrPadStart, NumToString, PromiseResolve as promiseResolve,
  PromiseReject as promiseReject } from '../shared/intrinsics.js';
import { host } from './host.js';
import { defineGlobal, tag, webIdl, refuseConstruction, internalNew, domString } from './idl.js';
import { DOMException } from './domException.js';
import { copyBufferSource } from './bytes.js';

const integerArrays = {
  __proto__: null, Int8Array: 1, Uint8Array: 1, Uint8ClampedArray: 1, Int16Array: 1, Uint16Array: 1,
  Int32Array: 1, Uint32Array: 1, BigInt64Array: 1, BigUint64Array: 1,
};
// WebIDL's brand check: a method called on anything but the one instance (`const g = crypto.getRandomValues; g(a)`)
// is an illegal invocation, as in browsers.
function brand(self, instance, what) {
  if (self !== instance) throw new TypeErrorCtor(`Illegal invocation: ${what} must be called on ${what === 'digest' ? 'crypto.subtle' : 'crypto'}`);
}
class SubtleCrypto {
  constructor() { refuseConstruction(); }
  digest(algorithm, data) {
    try {
      brand(this, subtle, 'digest');
      let name = algorithm !== null && typeof algorithm === 'object' ? algorithm.name : algorithm;
      if (name === undefined) return promiseReject(new TypeErrorCtor('crypto.subtle.digest: the algorithm needs a name'));
      name = StrToUpperCase(domString(name));
      if (name !== 'SHA-1' && name !== 'SHA-256' && name !== 'SHA-384' && name !== 'SHA-512') {
        return promiseReject(new DOMException(`Unrecognized algorithm name: ${StringCtor(name)} (crypto.subtle.digest supports SHA-1, SHA-256, SHA-384 and SHA-512)`, 'NotSupportedError'));
      }
      const bytes = copyBufferSource(data, 'crypto.subtle.digest');
      return promiseResolve(host.digest(name, bytes));
    } catch (e) {
      return promiseReject(e);
    }
  }
}
function randomInto(view) {
  const n = TAByteLength(view);
  if (n === 0) return;
  const bytes = host.randomBytes(n);
  TASet(new Uint8ArrayCtor(TABuffer(view), TAByteOffset(view), n), new Uint8ArrayCtor(bytes));
}
class Crypto {
  constructor() { refuseConstruction(); }
  get subtle() { brand(this, crypto, 'subtle'); return subtle; }
  getRandomValues(array) {
    brand(this, crypto, 'getRandomValues');
    if (arguments.length === 0) throw new TypeErrorCtor("Failed to execute 'getRandomValues' on 'Crypto': 1 argument required, but only 0 present.");
    // Not a view at all fails WebIDL's conversion (TypeError); a view of the wrong kind is the algorithm's TypeMismatchError.
    if (!ArrayBufferIsView(array)) throw new TypeErrorCtor("Failed to execute 'getRandomValues' on 'Crypto': parameter 1 is not of type 'ArrayBufferView'.");
    const kind = array instanceof DataViewCtor ? undefined : TATag(array);
    if (!kind || !integerArrays[kind]) {
      throw new DOMException("Failed to execute 'getRandomValues' on 'Crypto': The provided ArrayBufferView is not an integer array type.", 'TypeMismatchError');
    }
    if (TAByteLength(array) > 65536) {
      throw new DOMException(`Failed to execute 'getRandomValues' on 'Crypto': The ArrayBufferView's byte length (${TAByteLength(array)}) exceeds the number of bytes of entropy available via this API (65536).`, 'QuotaExceededError');
    }
    randomInto(array);
    return array;
  }
  randomUUID() {
    brand(this, crypto, 'randomUUID');
    return uuid();
  }
}
/** A version 4 UUID from the host's random bytes (crypto.randomUUID, blob: URLs). */
export function uuid() {
  const b = new Uint8ArrayCtor(host.randomBytes(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  let hex = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) hex += '-';
    hex += StrPadStart(NumToString(b[i], 16), 2, '0');
  }
  return hex;
}
const subtle = internalNew(() => new SubtleCrypto());
const crypto = internalNew(() => new Crypto());
webIdl(Crypto); webIdl(SubtleCrypto);
tag(Crypto, 'Crypto'); tag(SubtleCrypto, 'SubtleCrypto');
defineGlobal('Crypto', Crypto);
defineGlobal('SubtleCrypto', SubtleCrypto);
defineGlobal('crypto', crypto, true);
