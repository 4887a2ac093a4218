// jest's globalTeardown: runs once after every test file, in the process that ran globalSetup.
import { dropMigratedTestDatabases } from './databases';

export default dropMigratedTestDatabases;
