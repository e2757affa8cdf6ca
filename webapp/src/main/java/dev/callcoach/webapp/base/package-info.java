/** Small building blocks every feature of the webapp shares, free of any UI or framework code. */
package dev.callcoach.webapp.base;
