// The values bridge alone (values/remote.js), for a context without the globals kernel: the debug controller
// installs it when it is given a bare context (its tests do), so the debug kernel always renders with the one
// renderer. A sandbox's context has the globals kernel, whose install returns this same bridge.
import { bridge } from './values/remote.js';

export default function install() {
  return bridge;
}
