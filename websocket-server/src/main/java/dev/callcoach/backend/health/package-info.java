/** Liveness and readiness checks beyond the framework's own: where the limiter is served from, whether calling is paused for OpenAI quota, whether this instance is full of calls. */
package dev.callcoach.backend.health;
