import createDebug from 'debug';
const log = createDebug('app'); // breakpoint
log('hidden unless enabled');
console.log(typeof log, log.enabled, log.namespace, typeof createDebug.enable);
