export { ensurePrivateDirectory } from './private-directory.js';
export { ensurePrivateFile, PRIVATE_FILE_MODE } from './private-file.js';
