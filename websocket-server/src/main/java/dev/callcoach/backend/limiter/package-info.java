/** The per-number and global call limits: the rules, their Postgres and in-memory stores, and cleanup. Numbers arrive already hashed by {@code phone/}. */
package dev.callcoach.backend.limiter;
