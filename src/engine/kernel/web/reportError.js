// reportError: an error reported as uncaught without throwing (the host ends the run as for an uncaught error).
import { TypeErrorCtor, ObjectDefineProperty as defineProperty } from '../shared/intrinsics.js';
import { host } from './host.js';
import { defineGlobal } from './idl.js';

defineGlobal('reportError', defineProperty(function reportError(e) {
  if (arguments.length === 0) throw new TypeErrorCtor("Failed to execute 'reportError': 1 argument required, but only 0 present.");
  host.reportError(e);
}, 'name', { value: 'reportError' }), true);
