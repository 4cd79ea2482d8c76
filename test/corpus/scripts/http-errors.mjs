import createError from 'http-errors';
const notFound = createError(404, 'no such user', { userId: 7 }); // breakpoint
console.log(notFound.status, notFound.name, notFound.message, notFound.expose, notFound.userId, notFound instanceof createError.HttpError);
const server = new createError.InternalServerError();
console.log(server.statusCode, server.message, server.expose, createError.isHttpError(server), typeof server.stack);
const wrapped = createError(400, new TypeError('bad input'));
console.log(wrapped.status, wrapped.name, wrapped.message, wrapped instanceof TypeError);
