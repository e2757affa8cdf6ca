/** The practice page: choosing a scenario, entering a number, and following the call live. */
package dev.callcoach.webapp.call.ui;
