/**
 * Coaching reports from the page's side: fetching, retrying and deleting a call's transcript and report over
 * the channel, and writing them out as text. Knows nothing of the UI.
 */
package dev.callcoach.webapp.report;
