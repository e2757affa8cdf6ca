/**
 * The coaching report on the page: the panel under a finished call and the page a kept link opens.
 */
package dev.callcoach.webapp.report.ui;
