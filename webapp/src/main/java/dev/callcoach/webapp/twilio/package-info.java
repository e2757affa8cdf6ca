/** The Twilio REST client: credentials, the optional simulator base URL, and placing or cancelling a call. */
package dev.callcoach.webapp.twilio;
