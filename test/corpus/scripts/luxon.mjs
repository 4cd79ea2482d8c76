import { DateTime, Duration, Interval } from 'luxon';
const dt = DateTime.fromISO('2024-05-17T14:30:00', { zone: 'utc' }); // breakpoint
console.log(dt.plus({ days: 20 }).toISODate(), dt.startOf('week').toISO(), dt.weekNumber, dt.toFormat('yyyy LLL dd HH:mm'));
console.log(Duration.fromObject({ hours: 2, minutes: 75 }).shiftTo('hours', 'minutes').toObject().hours, Interval.fromDateTimes(dt, dt.plus({ hours: 36 })).length('days'));
