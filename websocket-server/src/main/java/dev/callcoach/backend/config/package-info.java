/** Typed configuration of the backend and the sources it is read from (environment, {@code DATABASE_URL}). */
package dev.callcoach.backend.config;
