import escapeHtml from 'escape-html';
const comment = '<script>alert("x & y")</script>'; // breakpoint
console.log(escapeHtml(comment), escapeHtml("it's"));
