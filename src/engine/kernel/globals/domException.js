// A DOMException stand-in: not a global (the globals kernel defines no extra names), but the errors that browsers
// raise as DOMException carry the web `name` and `code`. The web kernel, installed next, gives this module the real
// DOMException (see WEB_LINK in globals.kernel.js), so atob and structuredClone throw instances of the global class.
import { ErrorCtor } from '../shared/intrinsics.js';
import { defineHidden } from '../shared/safe.js';

class DOMException extends ErrorCtor {
  constructor(message, name, code) {
    super(message);
    defineHidden(this, 'name', name);
    defineHidden(this, 'code', code);
  }
}
/** The name of the one-shot global through which the web kernel links itself to this kernel (globals.kernel.js). */
export const WEB_LINK = '__quickjsSandboxWebLink';
let WebDOMException;
/** Makes the errors below instances of `ctor` (WebIDL's DOMException: `new ctor(message, name)`). */
export function useDOMException(ctor) { WebDOMException = ctor; }
const make = (message, name, code) => (WebDOMException === undefined ? new DOMException(message, name, code) : new WebDOMException(message, name));
export const invalidCharacter = (message) => make(message, 'InvalidCharacterError', 5);
export const dataCloneError = (message) => make(message, 'DataCloneError', 25);
