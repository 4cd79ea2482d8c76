import { marked } from 'marked';
const md = '# Title\n\nSome *emphasis* and `code`.\n\n- one\n- two\n\n[link](https://example.com)'; // breakpoint
console.log(marked.parse(md));
console.log(marked.parseInline('**bold** _it_'));
