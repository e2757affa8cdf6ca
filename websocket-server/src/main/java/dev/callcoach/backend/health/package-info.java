/** Liveness and readiness checks beyond the framework's own: where the limiter is served from. */
package dev.callcoach.backend.health;
