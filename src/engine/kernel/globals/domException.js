// A DOMException stand-in for a context without the web part (the globals kernel alone defines no extra names): the
// errors that browsers raise as DOMException carry the web `name` and `code`. With the web part, making such an error
// evaluates the part first (globals/web.js), so atob and structuredClone throw instances of the global DOMException.
import { ErrorCtor } from '../shared/intrinsics.js';
import { defineHidden } from '../shared/safe.js';

class DOMException extends ErrorCtor {
  constructor(message, name, code) {
    super(message);
    defineHidden(this, 'name', name);
    defineHidden(this, 'code', code);
  }
}
let webDOMException = () => undefined;
/** Makes the errors below instances of what `get()` gives (WebIDL's DOMException: `new ctor(message, name)`). */
export function useDOMException(get) { webDOMException = get; }
const make = (message, name, code) => {
  const WebDOMException = webDOMException();
  return WebDOMException === undefined ? new DOMException(message, name, code) : new WebDOMException(message, name);
};
export const invalidCharacter = (message) => make(message, 'InvalidCharacterError', 5);
export const dataCloneError = (message) => make(message, 'DataCloneError', 25);
