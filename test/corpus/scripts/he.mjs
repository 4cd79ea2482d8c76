import he from 'he';
const text = 'foo © bar ≠ baz 𝌆 qux'; // breakpoint
console.log(he.encode(text), he.encode(text, { useNamedReferences: true }));
console.log(he.decode('&lt;p&gt;caf&eacute; &#x1D306; &amp;amp;&lt;/p&gt;'), he.escape('<img src="x">'));
