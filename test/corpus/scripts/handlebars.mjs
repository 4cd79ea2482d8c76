import Handlebars from 'handlebars';
Handlebars.registerHelper('upper', (s) => s.toUpperCase());
const template = Handlebars.compile('Hello {{upper name}}! {{#each items}}[{{@index}}:{{this}}]{{/each}} {{#if admin}}admin{{else}}user{{/if}}'); // breakpoint
console.log(template({ name: 'ann', items: ['x', 'y'], admin: false }));
