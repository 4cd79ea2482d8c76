// navigator: a fixed user agent naming the sandbox's version, one language, one core.
import { StringCtor, ObjectFreeze as freeze } from '../shared/intrinsics.js';
import { host } from './host.js';
import { defineGlobal, tag, webIdl, refuseConstruction, internalNew } from './idl.js';

class Navigator {
  constructor() { refuseConstruction(); }
  get userAgent() { return `QuickJS-Sandbox/${StringCtor(host.version)}`; }
  get language() { return 'en-US'; }
  get languages() { return languages; }
  get hardwareConcurrency() { return 1; }
}
const languages = freeze(['en-US']);
webIdl(Navigator);
tag(Navigator, 'Navigator');
const navigator = internalNew(() => new Navigator());
defineGlobal('Navigator', Navigator);
defineGlobal('navigator', navigator, true);
