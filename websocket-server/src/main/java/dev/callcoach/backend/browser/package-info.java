/**
 * Practice in the browser: reserving a browser session with its single-use media token, and admitting the
 * page's media socket (token and {@code Origin} checks at the upgrade). The socket's audio is bridged in
 * {@code media}, like a Twilio Media Stream's.
 */
package dev.callcoach.backend.browser;
