// Unit tests run against an in-memory IndexedDB; each test opens a database of its own name.
import 'fake-indexeddb/auto';
