/**
 * Coaching reports: a finished call's transcript is kept (hashed token, retention, deletion on request),
 * graded against the scenario's rubric through the OpenAI Responses API, and served to the webapp.
 * The bridge hands over the transcript through {@link dev.callcoach.backend.report.FinishedCalls}.
 */
package dev.callcoach.backend.report;
