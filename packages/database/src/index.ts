export { type ChangeFeed, type ChangeListener, InProcessChangeFeed, PostgresChangeFeed } from './change-feed.js';
export { columnTypes, type DatabaseDialect, dialectOf } from './dialect.js';
export { type ExclusiveLocks, InProcessLocks, LockTimeoutError, PostgresAdvisoryLocks } from './exclusive-locks.js';
export { createSchemaPool, openPostgresDatabase, type PostgresDatabaseOptions, redactUrl } from './open-postgres-database.js';
export { openServiceDatabase, type ServiceDatabase, type ServiceDatabaseConfig } from './open-service-database.js';
export { openSqliteDatabase, type SqliteDatabaseOptions } from './open-sqlite-database.js';
