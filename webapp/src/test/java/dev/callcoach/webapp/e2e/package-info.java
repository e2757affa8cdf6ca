/**
 * End-to-end tests in real Chromium against the whole product: the webapp, the backend, embedded PostgreSQL
 * and both simulators. Skipped with a message where Chromium is missing, unless CALLCOACH_REQUIRE_BROWSER=true.
 */
package dev.callcoach.webapp.e2e;
