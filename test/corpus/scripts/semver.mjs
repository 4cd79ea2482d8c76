import semver from 'semver';
import { satisfies, maxSatisfying } from 'semver';
const versions = ['1.2.3', '1.10.0', '2.0.0-beta.1', '2.0.0', '0.9.9']; // breakpoint
console.log(versions.sort(semver.compare).join(' '), maxSatisfying(versions, '^1.0.0'));
console.log(satisfies('2.0.0-beta.1', '>=2.0.0-0'), semver.inc('1.2.3', 'minor'), semver.coerce('v3.4 final').version, semver.valid('x'));
