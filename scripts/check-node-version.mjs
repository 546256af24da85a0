// Runs before `npm install` and `npm start`: Agendo needs Node >= 22.12 (24 LTS recommended).
// Plain JavaScript on purpose: it must run on any Node, before dependencies exist.
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `Agendo needs Node.js >= 22.12 (24 LTS recommended); this is ${process.version}.\n` +
      'Install Node 24 from the npm registry and use it for this shell, then run the command again:\n' +
      '  source scripts/node24.sh',
  );
  process.exit(1);
}
