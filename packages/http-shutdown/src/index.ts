export { closeGracefully, type GracefulCloseOptions } from './close-gracefully.js';
