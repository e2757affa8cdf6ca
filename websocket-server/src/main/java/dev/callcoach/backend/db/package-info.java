/** Whether Postgres is usable right now: failure detection, the switch to in-memory fallback and back, with write-back. */
package dev.callcoach.backend.db;
