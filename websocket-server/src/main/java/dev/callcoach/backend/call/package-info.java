/** Call sessions: what was reserved for whom (hashed), where the call stands, and what it used; in Postgres or, during an outage, in memory. */
package dev.callcoach.backend.call;
