import { parseDocument, DomUtils } from 'htmlparser2';
const doc = parseDocument('<div><p class="a">One</p><p>Two &amp; three</p></div>'); // breakpoint
console.log(DomUtils.getElementsByTagName('p', doc).map((e) => DomUtils.textContent(e)).join('|'));
