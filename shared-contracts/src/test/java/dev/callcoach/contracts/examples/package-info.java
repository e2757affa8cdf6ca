/** The contract's example files, shipped in the test-jar so the backend and webapp tests read the same ones. */
package dev.callcoach.contracts.examples;
