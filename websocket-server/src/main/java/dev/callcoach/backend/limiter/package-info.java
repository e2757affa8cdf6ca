/** The per-number and global call limits: phone hashing, the rules, their Postgres and in-memory stores, and cleanup. */
package dev.callcoach.backend.limiter;
