/** The webapp's entry point and app shell; features live in the packages below it. */
package dev.callcoach.webapp;
