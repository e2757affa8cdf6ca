/** Practice scenarios as the webapp shows them: their form fields, voices, and validation of a filled-in form. */
package dev.callcoach.contracts.scenario;
