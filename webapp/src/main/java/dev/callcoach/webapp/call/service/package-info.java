/**
 * What the practice page asks for: the scenario catalog, a number's remaining calls, placing and ending calls,
 * and starting calls in the browser.
 */
package dev.callcoach.webapp.call.service;
