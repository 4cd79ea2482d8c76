import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import duration from 'dayjs/plugin/duration.js';
dayjs.extend(utc); dayjs.extend(duration);
const start = dayjs.utc('2023-12-30T08:00:00Z'); // breakpoint
console.log(start.add(3, 'day').format('YYYY-MM-DD'), start.startOf('month').toISOString(), start.diff(dayjs.utc('2023-01-01'), 'week'));
console.log(dayjs.duration(3725, 'seconds').format('HH:mm:ss'), start.day(), start.isBefore('2024-01-01'));
