/**
 * The per-number and global call limits: the rules, their Postgres store and the stricter in-memory fallback
 * with its mirror of recent attempts, the expiry of placements that never happened, and cleanup. Numbers
 * arrive already hashed by {@code phone/}.
 */
package dev.callcoach.backend.limiter;
