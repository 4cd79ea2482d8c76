import { Liquid } from 'liquidjs';
const engine = new Liquid({ strictFilters: true });
engine.registerFilter('money', (n) => `$${Number(n).toFixed(2)}`);
const template = engine.parse('{% for item in cart %}{{ forloop.index }}. {{ item.name | capitalize }} x{{ item.qty }} = {{ item.price | times: item.qty | money }}\n{% endfor %}Total: {{ cart | map: "price" | sum | money }}{% if cart.size > 2 %} (bulk){% endif %}');
const cart = [{ name: 'apple', qty: 3, price: 0.5 }, { name: 'pear', qty: 1, price: 1.25 }, { name: 'fig', qty: 2, price: 2 }];
console.log(await engine.render(template, { cart })); // breakpoint
console.log(engine.renderSync(template, { cart: cart.slice(0, 1) }));
try { await engine.parseAndRender('{{ x | nope }}', {}); } catch (e) { console.log(e.name, e.message.split(',')[0]); }
