/**
 * The practice page: choosing a scenario, entering a number, seeing the limits, and following the call live.
 * Components draw themselves; the rules (when a call may go, how an ending is worded) are plain classes.
 */
package dev.callcoach.webapp.call.ui;
