/** Helpers shared by the contract packages (field checks, UTF-8 sizes); not an API for the services. */
package dev.callcoach.contracts.internal;
