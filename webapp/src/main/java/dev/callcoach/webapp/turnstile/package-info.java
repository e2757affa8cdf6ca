/** Optional Cloudflare Turnstile human check in front of call placement: its settings and server-side verification. */
package dev.callcoach.webapp.turnstile;
