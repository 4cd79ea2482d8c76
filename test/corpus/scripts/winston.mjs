import winston from 'winston';
const { combine, label, printf, splat } = winston.format;
const logger = winston.createLogger({
  level: 'info',
  format: combine(label({ label: 'billing' }), splat(), printf((i) => `[${i.label}] ${i.level}: ${i.message}${i.orderId ? ` (order ${i.orderId})` : ''}`)),
  transports: [new winston.transports.Console()],
});
logger.info('charged %d cents', 1250, { orderId: 'A-17' }); // breakpoint
logger.debug('not shown at level info');
logger.child({ orderId: 'B-2' }).warn('card expires soon');
