/** Which phone numbers Callcoach may call, their E.164 form, and how to show them without revealing them. */
package dev.callcoach.contracts.phone;
