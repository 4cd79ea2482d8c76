// Stands in for `tr46` inside dist/web-url.js. IDNA processing needs tr46's Unicode tables (about 220 KB of source and
// 1.9 MB of QuickJS heap once evaluated), but a host name made only of ASCII letters, digits, '-', '_' and '.' with no
// punycode label maps to its lower case under UTS #46 whatever the options: those never load the tables. Any other
// host loads the real tr46 (dist/web-idna.js) through `__sandboxLoadIdna`, the parameter of the bundle's wrapper.
/* global __sandboxLoadIdna */
'use strict';
let real;
const idna = () => real || (real = __sandboxLoadIdna());
const plain = /^[A-Za-z0-9._-]*$/;
const punycodeLabel = /(^|\.)xn--/i;

module.exports = {
  toASCII(domain, options) {
    if (plain.test(domain) && !punycodeLabel.test(domain)) return domain.toLowerCase();
    return idna().toASCII(domain, options);
  },
  toUnicode(domain, options) {
    return idna().toUnicode(domain, options);
  },
};
