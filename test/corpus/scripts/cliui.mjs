import cliui from 'cliui';
// A help screen laid out in columns: cliui measures each cell with string-width (Intl.Segmenter) and wraps with wrap-ansi.
const ui = cliui({ width: 60 }); // breakpoint
ui.div({ text: 'Usage: tool <command> [options]', padding: [0, 0, 1, 0] });
ui.div({ text: '--port, -p', width: 16, padding: [0, 2, 0, 2] }, { text: 'port to listen on (défaut 80)' }, { text: '[number]', align: 'right' });
ui.div({ text: '--tag', width: 16, padding: [0, 2, 0, 2] }, { text: 'étiquettes 🏷️ à appliquer, répétables, 日本語のタグも使えます' }, { text: '[array]', align: 'right' });
ui.div({ text: '\u001b[1m한국어\u001b[22m', width: 16, padding: [0, 2, 0, 2] }, { text: 'e\u0301 👩‍💻 🇯🇵 wide and combined clusters', border: true });
ui.span({ text: 'span:', width: 8 }, { text: 'text after a span continues on the same line' });
console.log(ui.toString());
