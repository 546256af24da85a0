export { useRequestValidation } from './request-validation.js';
export { RequestValidationError } from './request-validation-error.js';
