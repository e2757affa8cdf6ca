/** Test helpers shared by several features: small real servers standing in for remote peers. */
package dev.callcoach.webapp.testing;
