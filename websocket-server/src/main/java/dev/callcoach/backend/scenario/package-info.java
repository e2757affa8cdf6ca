/** The scenario catalog: one JSON file per scenario, loaded at startup, and the AI instructions rendered from a caller's settings. */
package dev.callcoach.backend.scenario;
