// A DOMException stand-in: not a global (the globals kernel defines no extra names), but the errors that browsers
// raise as DOMException carry the web `name` and `code`.
import { ErrorCtor } from '../shared/intrinsics.js';
import { defineHidden } from '../shared/safe.js';

class DOMException extends ErrorCtor {
  constructor(message, name, code) {
    super(message);
    defineHidden(this, 'name', name);
    defineHidden(this, 'code', code);
  }
}
export const invalidCharacter = (message) => new DOMException(message, 'InvalidCharacterError', 5);
export const dataCloneError = (message) => new DOMException(message, 'DataCloneError', 25);
