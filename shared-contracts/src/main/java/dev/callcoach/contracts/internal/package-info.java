/** Argument checks shared by the contract records; not an API for the services. */
package dev.callcoach.contracts.internal;
