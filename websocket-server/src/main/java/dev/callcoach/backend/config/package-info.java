/** Typed configuration and its sources (environment, {@code DATABASE_URL}), the secret rules, and the shared clock. */
package dev.callcoach.backend.config;
