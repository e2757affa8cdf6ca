/** The practice scenarios the backend offers: the catalog port the channel and the call bridge read. */
package dev.callcoach.backend.scenario;
