/** What the practice page asks for: the scenario catalog, a number's remaining calls, and placing and ending calls. */
package dev.callcoach.webapp.call.service;
