/**
 * The practice page: choosing a scenario, then a number and its limits or the browser's microphone, and
 * following the call live. Components draw themselves; the rules (when a call may go, how an ending is worded)
 * are plain classes. The audio of a call in the browser is the browser script's (static resources under
 * {@code META-INF/resources/browser-practice/}); {@link dev.callcoach.webapp.call.ui.BrowserAudio} is its link
 * to the page.
 */
package dev.callcoach.webapp.call.ui;
