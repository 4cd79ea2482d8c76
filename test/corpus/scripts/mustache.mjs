import Mustache from 'mustache';
const view = { title: 'Report', items: [{ name: 'a', n: 1 }, { name: 'b', n: 2 }], html: '<b>' }; // breakpoint
console.log(Mustache.render('{{title}}:{{#items}} {{name}}={{n}}{{/items}} {{html}} {{{html}}}', view));
