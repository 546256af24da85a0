export { type ChangeFeed, type ChangeListener, InProcessChangeFeed, PostgresChangeFeed } from './change-feed.js';
export { type DatabaseDialect, columnTypes, dialectOf } from './dialect.js';
export { type ExclusiveLocks, InProcessLocks, LockTimeoutError, PostgresAdvisoryLocks } from './exclusive-locks.js';
export { type PostgresDatabaseOptions, createSchemaPool, openPostgresDatabase, redactUrl } from './open-postgres-database.js';
export { type ServiceDatabase, type ServiceDatabaseConfig, openServiceDatabase } from './open-service-database.js';
export { type SqliteDatabaseOptions, openSqliteDatabase } from './open-sqlite-database.js';
