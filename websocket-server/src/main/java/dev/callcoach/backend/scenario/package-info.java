/**
 * The practice scenarios the backend offers: one JSON file per scenario, loaded at startup, served
 * through the {@link dev.callcoach.backend.scenario.Scenarios} port, and the AI instructions
 * rendered from a caller's settings.
 */
package dev.callcoach.backend.scenario;
