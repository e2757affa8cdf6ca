/**
 * Whether Postgres is usable right now: busy (refuse, try again) told apart from unreachable (switch to the
 * in-memory fallback and back, with write-back), and transactions that never commit after their client was
 * answered.
 */
package dev.callcoach.backend.db;
