// jest's globalSetup: runs once, in the parent process, before any test file; the variables it sets
// reach every test worker.
import 'reflect-metadata';
import { migrateTestDatabases } from './databases';

export default migrateTestDatabases;
