import moment from 'moment';
import 'moment/locale/de.js';
const d = moment.utc('2024-03-15T10:20:30Z'); // breakpoint
console.log(d.format('YYYY-MM-DD HH:mm'), d.add(45, 'days').format('dddd, MMMM Do'), d.isLeapYear());
console.log(moment.utc(0).locale('de').format('LLLL'), moment.duration(90, 'minutes').humanize());
