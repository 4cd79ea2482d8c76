import stringWidth from 'string-width';
// Terminal columns: ASCII, CJK (wide), emoji ZWJ sequences and flags, combining marks, Hangul, halfwidth kana, ANSI colors.
const samples = ['plain ascii', '古池や蛙飛び込む', '👨‍👩‍👧‍👦 family', '🇯🇵🇫🇷', 'e\u0301clair', '한국어', 'ｶﾞｷﾞ', '\u001b[31mred\u001b[39m', '1\u20E3', 'zero\u200bwidth'];
const widths = samples.map((s) => [s, stringWidth(s)]); // breakpoint
console.log(JSON.stringify(widths));
console.log(stringWidth('¡±½ ambiguous'), stringWidth('¡±½ ambiguous', { ambiguousIsNarrow: false }), stringWidth('\u001b[1mbold\u001b[22m', { countAnsiEscapeCodes: true }));
const pad = (s, n) => s + ' '.repeat(Math.max(0, n - stringWidth(s)));
for (const [name, city] of [['山田太郎', '東京'], ['Zoë', 'Zürich'], ['🦊 fox', 'Seoul 서울']]) console.log(`|${pad(name, 12)}|${pad(city, 12)}|`);
