/**
 * The one {@code DATABASE_URL} both services read ({@code postgres://user:password@host:port/db?...}, the
 * form Fly.io and most hosts hand out), parsed once for both.
 */
package dev.callcoach.contracts.database;
