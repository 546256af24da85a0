export { addRequestLogFields, logOneLinePerRequest, type RequestLogOptions } from './request-log.js';
